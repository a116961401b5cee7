package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.treatyregistry.transparency.Verify;

/**
 * The whole system in process (in-process Kafka and MongoDB, random ports), driven through the gateway. The test that
 * alters the record behind the API runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

    /** After the slices that count the record's States: it adds two. */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void aSubscriberHearsOfAFactSignedAndInOrder() throws Exception {
        try (SubscriptionSlice slice = new SubscriptionSlice(new VerticalSlice(system.gatewayPort()))) {
            slice.run();
        }
    }

    /**
     * Verifying the record, as the README tells an auditor: a fact posted through the gateway, found in the
     * transparency log by its client id and in its history by its log index, its proof downloaded and checked by
     * {@code ./verify} offline and against the log through the gateway (tiles, entries, the fact again); then the
     * stored event changed by hand in MongoDB, and {@code ./verify} and the monitor say so.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aFactPostedThroughTheGatewayIsProvenOfflineAndItsAlterationBehindTheApiIsCaught(@TempDir Path dir)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String clientId = TamperDrill.postTheAccession(system.gatewayPort());

        JsonNode entry = await().atMost(Duration.ofSeconds(30)).until(() -> json(http,
                "/api/registry/log/entries?clientId=" + clientId), e -> e.isArray() && e.size() == 1).get(0);
        String eventId = entry.path("eventId").asText();
        long index = entry.path("index").asLong();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(http,
                "/api/registry/states/CHN/history")).anySatisfy(fact -> {
                    assertThat(fact.path("eventId").asText()).isEqualTo(eventId);
                    assertThat(fact.path("logIndex").asLong()).isEqualTo(index);
                }));
        String verifierKey = json(http, "/api/registry/log").path("verifierKey").asText();
        Path proof = dir.resolve(eventId + ".tlog-proof");
        await().atMost(Duration.ofSeconds(30)).until(() -> get(http, "/api/registry/log/proofs/" + eventId)
                .statusCode() == 200);
        Files.writeString(proof, get(http, "/api/registry/log/proofs/" + eventId).body());
        String log = "http://localhost:" + system.gatewayPort() + "/api/registry/log";

        assertThat(verify("proof", proof.toString(), "--key", verifierKey))
                .startsWith("0:VERIFIED: entry " + index).contains("\"iso3\":\"CHN\"");
        assertThat(verify("proof", proof.toString(), "--key", verifierKey, "--log", log, "--api-key",
                VerticalSlice.AUDITOR_KEY)).startsWith("0:").contains("still gives event " + eventId + " as signed");
        Path state = dir.resolve("registry.checkpoint");
        assertThat(verify("monitor", "--log", log, "--key", verifierKey, "--state", state.toString(), "--api-key",
                VerticalSlice.AUDITOR_KEY, "--every-entry", "--once")).startsWith("0:");

        // Behind the API: the deposit date changed where the event is stored.
        TamperDrill.editStoredPayload(system, "registry", eventId, TamperDrill.DEPOSITED, "2023-06-03");
        assertThat(verify("proof", proof.toString(), "--key", verifierKey)).as("the proof itself still holds")
                .startsWith("0:VERIFIED");
        assertThat(verify("proof", proof.toString(), "--key", verifierKey, "--log", log, "--api-key",
                VerticalSlice.AUDITOR_KEY)).startsWith("1:").contains("CHANGED: the record now gives event " + eventId);
        assertThat(verify("monitor", "--log", log, "--key", verifierKey, "--state", state.toString(), "--api-key",
                VerticalSlice.AUDITOR_KEY, "--every-entry", "--once")).startsWith("1:")
                .contains("ALERT: CHANGED: entry " + index);
    }

    private URI gateway(String path) {
        return URI.create("http://localhost:" + system.gatewayPort() + path);
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(gateway(path)).header("X-API-Key", VerticalSlice.AUDITOR_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpClient http, String path) throws Exception {
        return new ObjectMapper().readTree(get(http, path).body());
    }

    private static String verify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Verify.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return status + ":" + out.toString(StandardCharsets.UTF_8);
    }
}
