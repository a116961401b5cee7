package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * The Foundation issue's vertical slice, driven through the gateway only: an integration posts a deposit, the
 * registry shows the State with its entry into force, reporting (from Kafka) shows the initial Article 7
 * report due 180 days later, indicators (from Kafka) counts the State among the States Parties.
 */
final class VerticalSlice {

    static final String INTEGRATION_KEY = "integration-key-0123456789";
    static final String AUDITOR_KEY = "auditor-key-0123456789";
    static final String OPERATOR_KEY = "operator-key-0123456789";
    static final String API_KEYS = "ci-integration:integration:" + INTEGRATION_KEY
            + ",ci-auditor:auditor:" + AUDITOR_KEY + ",ci-operator:operator:" + OPERATOR_KEY;
    static final String SECRET = "end-to-end-gateway-secret-of-32-bytes-or-more";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String gateway;

    VerticalSlice(int gatewayPort) {
        this.gateway = "http://localhost:" + gatewayPort;
    }

    void run() {
        String deposit = """
                {"clientId": "%s", "type": "InstrumentDeposited", "iso3": "UKR", "instrumentType": "RATIFICATION",
                 "depositDate": "2005-12-27", "sourceReference": "C.N.1.2006.TREATIES"}
                """.formatted(UUID.randomUUID());

        Response anonymous = post("/api/registry/events", null, deposit);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.json().path("detail").asText()).contains("X-API-Key");

        Response wrongRole = post("/api/registry/events", AUDITOR_KEY, deposit);
        assertThat(wrongRole.status()).isEqualTo(403);
        assertThat(wrongRole.contentType()).startsWith("application/problem+json");

        Response recorded = post("/api/registry/events", INTEGRATION_KEY, deposit);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        assertThat(recorded.json().at("/results/0/status").asText()).isEqualTo("RECORDED");
        assertThat(recorded.requestId()).isNotBlank();

        Response again = post("/api/registry/events", INTEGRATION_KEY, deposit);
        assertThat(again.json().at("/results/0/status").asText()).isEqualTo("ALREADY_RECORDED");

        // Views follow the event store within moments (a streaming processor), not within the POST.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode ukraine = get("/api/registry/states/UKR?asOf=2006-06-01", AUDITOR_KEY).json();
            assertThat(ukraine.path("status").asText()).isEqualTo("STATE_PARTY");
            assertThat(ukraine.path("entryIntoForce").asText()).isEqualTo("2006-06-01");
        });
        assertThat(get("/api/registry/states/UKR?asOf=2006-05-31", OPERATOR_KEY).json().path("status").asText())
                .isEqualTo("AWAITING_ENTRY_INTO_FORCE");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode reports = get("/api/reporting/reports?state=UKR&asOf=2006-06-01", AUDITOR_KEY).json();
            assertThat(reports).hasSize(1);
            assertThat(reports.get(0).path("dueDate").asText()).isEqualTo("2006-11-28");
            assertThat(reports.get(0).path("status").asText()).isEqualTo("NOT_YET_DUE");
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                get("/api/indicators/states-parties?asOf=2006-06-01", AUDITOR_KEY).json().path("states"))
                .extracting(JsonNode::asText).contains("UKR"));
        assertThat(get("/api/indicators/states-parties?asOf=2006-05-31", AUDITOR_KEY).json().path("states"))
                .extracting(JsonNode::asText).doesNotContain("UKR");

        Response replay = post("/api/registry/operations/replay?processor=state-status", OPERATOR_KEY, "");
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                get("/api/registry/states/UKR?asOf=2006-06-01", AUDITOR_KEY).json().path("status").asText())
                .isEqualTo("STATE_PARTY"));
    }

    Response get(String path, String key) {
        return send(HttpRequest.newBuilder(URI.create(gateway + path)).GET(), key);
    }

    Response post(String path, String key, String body) {
        return send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), key);
    }

    private Response send(HttpRequest.Builder request, String key) {
        if (key != null) {
            request.header("X-API-Key", key);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("X-Request-Id").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String body, String contentType, String requestId) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }
}
