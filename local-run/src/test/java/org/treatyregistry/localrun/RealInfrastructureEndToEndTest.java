package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same vertical slice on real MongoDB and Kafka images (the tags docker-compose.yml pins), and an instance of
 * a service stopped while facts are posted to it. Needs a Docker engine: where there is none, JUnit reports it
 * skipped ("disabledWithoutDocker"), and it never counts as the passing proof.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealInfrastructureEndToEndTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0.12");
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    private static final int POSTS = 120;
    private static final int STOP_AFTER = 30;

    @Test
    void aDepositPostedThroughTheGatewayReachesEveryServiceOnRealMongoAndKafka() {
        try (LocalSystem system = LocalSystem.start(settings())) {
            VerticalSlice slice = new VerticalSlice(system.gatewayPort());
            slice.answersTheRecordsCounts();
            slice.run();
            new ReportingSlice(slice).run();
        }
    }

    /**
     * Two instances of each service share the real MongoDB and Kafka behind the gateway. One reporting instance is
     * stopped while areas are posted one after another: every answer is honest (2xx recorded; 5xx, or no answer,
     * completed by posting it again), and every acknowledged area is in the store and in the surviving instance's
     * projection. In one JVM the stop is the web server first, then the context: not a kill -9 of a process.
     */
    @Test
    void anInstanceStoppedWhileFactsArePostedLosesNothingAcknowledged() throws Exception {
        try (LocalSystem system = LocalSystem.start(settings().withInstances(2))) {
            stopAnInstanceWhilePosting(system);
        }
    }

    /** The scenario on any system with two reporting instances; package-private so it can be tried elsewhere. */
    static void stopAnInstanceWhilePosting(LocalSystem system) throws Exception {
        assertThat(system.instances("reporting")).containsExactly("reporting", "reporting-2");
        VerticalSlice slice = new VerticalSlice(system.gatewayPort());
        await().atMost(Duration.ofSeconds(60)).until(() ->
                slice.get("/api/reporting/contamination", VerticalSlice.AUDITOR_KEY).status() == 200);

        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // area id -> body posted
        Map<String, String> unanswered = new ConcurrentHashMap<>();
        Map<String, Integer> refusals = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        CompletableFuture<Void> posting = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < POSTS; i++) {
                String areaId = "kill-" + i + "-" + UUID.randomUUID();
                String body = area(areaId);
                try {
                    VerticalSlice.Response response = slice.post("/api/reporting/events",
                            VerticalSlice.INTEGRATION_KEY, body);
                    if (response.status() / 100 == 2) {
                        acknowledged.put(areaId, body);
                    } else {
                        unanswered.put(areaId, body);
                        refusals.merge(areaId, response.status(), (a, b) -> b);
                    }
                } catch (UncheckedIOException noAnswer) {
                    unanswered.put(areaId, body);
                }
                answered.incrementAndGet();
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() >= STOP_AFTER);
        system.stopAbruptly("reporting-2");
        posting.get();

        assertThat(acknowledged.size() + unanswered.size()).isEqualTo(POSTS);
        // The gateway tells the truth: nothing is refused as the client's fault while an instance goes away.
        assertThat(refusals.values()).as("statuses other than 2xx").allSatisfy(status ->
                assertThat(status).isBetween(500, 599));
        // Most go to the surviving instance at once (a refused connection is tried on it); few can fail.
        assertThat(acknowledged).hasSizeGreaterThan(POSTS - 10);

        for (Map.Entry<String, String> area : acknowledged.entrySet()) {
            VerticalSlice.Response again = slice.post("/api/reporting/events", VerticalSlice.INTEGRATION_KEY,
                    area.getValue());
            assertThat(again.json().at("/results/0/status").asText()).as("re-post of acknowledged %s",
                    area.getKey()).isEqualTo("ALREADY_RECORDED");
        }
        for (Map.Entry<String, String> area : unanswered.entrySet()) {
            VerticalSlice.Response again = slice.post("/api/reporting/events", VerticalSlice.INTEGRATION_KEY,
                    area.getValue());
            assertThat(again.status()).as("re-post of unanswered %s: %s", area.getKey(), again.body())
                    .isBetween(200, 299);
            assertThat(again.json().at("/results/0/status").asText()).isIn("RECORDED", "ALREADY_RECORDED");
        }
        List<String> recorded = List.copyOf(acknowledged.keySet());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(recorded)
                .allSatisfy(areaId -> assertThat(slice.get("/api/reporting/states/AFG/areas/" + areaId,
                        VerticalSlice.AUDITOR_KEY).status()).as("area %s in the projection", areaId)
                        .isEqualTo(200)));
    }

    private static LocalSystem.Settings settings() {
        return LocalSystem.Settings.external(MONGO.getConnectionString(), KAFKA.getBootstrapServers(),
                VerticalSlice.API_KEYS, VerticalSlice.SECRET);
    }

    private static String area(String areaId) {
        return """
                {"clientId": "%s", "type": "HazardousAreaRecorded", "iso3": "AFG", "areaId": "%s",
                 "identifiedOn": "2020-01-15", "status": "CONFIRMED", "sizeM2": 10000, "contamination": "AP_MINES",
                 "sourceReference": "synthetic: an instance stopped while posting"}"""
                .formatted(UUID.randomUUID(), areaId);
    }
}
