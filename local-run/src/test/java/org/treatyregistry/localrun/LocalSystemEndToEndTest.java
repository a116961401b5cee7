package org.treatyregistry.localrun;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole system in process (in-process Kafka and MongoDB, random ports), driven through the gateway. */
class LocalSystemEndToEndTest {

    private static LocalSystem system;

    @BeforeAll
    static void start() {
        system = LocalSystem.start(LocalSystem.Settings.inMemory(VerticalSlice.API_KEYS, VerticalSlice.SECRET));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aDepositPostedThroughTheGatewayReachesEveryService() {
        VerticalSlice slice = new VerticalSlice(system.gatewayPort());
        slice.answersTheRecordsCounts();
        slice.run();
    }
}
