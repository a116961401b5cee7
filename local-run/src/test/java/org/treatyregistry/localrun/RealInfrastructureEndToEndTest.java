package org.treatyregistry.localrun;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same vertical slice on real MongoDB and Kafka images (the tags docker-compose.yml pins). Needs a Docker
 * engine: where there is none, JUnit reports it skipped ("disabledWithoutDocker"), and it never counts as the
 * passing proof.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealInfrastructureEndToEndTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0.12");
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Test
    void aDepositPostedThroughTheGatewayReachesEveryServiceOnRealMongoAndKafka() {
        try (LocalSystem system = LocalSystem.start(LocalSystem.Settings.external(
                MONGO.getConnectionString(), KAFKA.getBootstrapServers(), VerticalSlice.API_KEYS,
                VerticalSlice.SECRET))) {
            VerticalSlice slice = new VerticalSlice(system.gatewayPort());
            slice.answersTheRecordsCounts();
            slice.run();
            new ReportingSlice(slice).run();
        }
    }
}
