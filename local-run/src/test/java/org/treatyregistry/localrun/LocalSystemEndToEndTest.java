package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    /**
     * Compose's healthchecks and the gateway's balancing rest on this: readiness is the service and its MongoDB,
     * not Kafka, which health shows on its own (decision 0018).
     */
    @Test
    void eachServiceIsReadyWithItsMongoDbAndShowsKafkaInItsHealth() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String service : LocalSystem.SERVICES) {
            HttpResponse<String> readiness = get(http, service, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(service + ": " + readiness.body()).isEqualTo(200);
            assertThat(readiness.body()).as(service).contains("\"mongo\"", "\"UP\"").doesNotContain("kafka");
            assertThat(get(http, service, "/actuator/health").body()).as(service).contains("\"kafka\"");
        }
    }

    private HttpResponse<String> get(HttpClient http, String service, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + system.port(service) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDepositPostedThroughTheGatewayReachesEveryService() {
        VerticalSlice slice = new VerticalSlice(system.gatewayPort());
        slice.answersTheRecordsCounts();
        slice.run();
    }

    @Test
    void reportsStockpilesAndLandReleaseThroughTheGateway() {
        new ReportingSlice(new VerticalSlice(system.gatewayPort())).run();
    }
}
