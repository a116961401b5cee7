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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.treatyregistry.platform.web.Problems;

/**
 * The vertical slice, driven through the gateway only: an integration posts a deposit and then corrects it;
 * the registry shows the State with its entry into force as of any date and as known at any time, reporting
 * (from Kafka) shows the initial Article 7 report due 180 days after entry into force, indicators (from
 * Kafka) counts the State among the States Parties. On the real record loaded at start, the registry answers
 * the counts of States Parties on three dates.
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
        // Mongolia is not a party: a hypothetical accession, corrected later, drives the slice.
        String deposit = """
                {"clientId": "%s", "type": "InstrumentDeposited", "iso3": "MNG", "instrumentType": "ACCESSION",
                 "depositDate": "2024-05-15", "sourceReference": "C.N.TEST.2024"}
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

        Response refused = post("/api/registry/events", INTEGRATION_KEY, """
                [{"clientId": "%s", "type": "TreatySigned", "iso3": "USA", "signatureDate": "2001-01-01"},
                 {"clientId": "%s", "type": "InstrumentDeposited", "iso3": "MNG", "instrumentType": "ACCESSION",
                  "depositDate": "2024-07-01"}]""".formatted(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().path("errors")).extracting(e -> e.path("rule").asText())
                .containsExactly("signature-closed", "already-bound");

        // A batch with one valid and one refused item records neither.
        Response mixed = post("/api/registry/events", INTEGRATION_KEY, """
                [{"clientId": "%s", "type": "TreatySigned", "iso3": "KAZ", "signatureDate": "1998-01-01"},
                 {"clientId": "%s", "type": "InstrumentDeposited", "iso3": "XXZ", "instrumentType": "ACCESSION",
                  "depositDate": "2024-07-01"}]""".formatted(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(mixed.status()).as(mixed.body()).isEqualTo(422);
        assertThat(mixed.json().at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(mixed.json().at("/errors/0/rule").asText()).isEqualTo("unknown-state");
        assertThat(get("/api/registry/states/KAZ/history", AUDITOR_KEY).json()).isEmpty();

        // Malformed items are refused by the strict reader, each with its index and field, the closest known name of a
        // misspelt one; nothing is coerced. A client id reused for other content is refused.
        Response invalid = post("/api/registry/events", INTEGRATION_KEY, """
                [{"clientId": "%s", "type": "InstrumentDeposited", "iso3": "KAZ", "instrumentType": "ACCESSION",
                  "depositDate": "2024-06-03", "bogusField": 1, "provisionalAplication": true},
                 {"clientId": "%s", "type": "TreatySigned", "iso3": "KAZ", "signatureDate": 12345},
                 {"clientId": "%s", "type": "TreatySigned", "iso3": "KAZ", "signatureDate": "1997-12-03",
                  "sourceReference": "A\\u0000B"}]"""
                .formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.json().path("errors")).extracting(e -> e.path("index").asInt() + " " + e.path("field")
                .asText() + " " + e.path("rule").asText() + " " + e.path("suggestion").asText()).containsExactly(
                "0 bogusField unknown-field ", "0 provisionalAplication unknown-field provisionalApplication",
                "1 signatureDate wrong-type ", "2 sourceReference control-character ");
        assertThat(get("/api/registry/states/KAZ/history", AUDITOR_KEY).json()).isEmpty();
        // The gateway and the service answer with the same problem types, and the body names the request.
        assertThat(invalid.json().path("type").asText()).isEqualTo(Problems.TYPE_BASE + "facts-refused");
        assertThat(invalid.json().path("requestId").asText()).isNotBlank().isEqualTo(invalid.requestId());
        Response badDate = get("/api/registry/states?asOf=2024-13-01", AUDITOR_KEY);
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().path("type").asText()).isEqualTo(Problems.TYPE_BASE + "bad-parameter");
        assertThat(badDate.json().path("detail").asText()).contains("use YYYY-MM-DD");
        String reused = deposit.replace("2024-05-15", "2024-05-16");
        assertThat(post("/api/registry/events", INTEGRATION_KEY, reused).status()).isEqualTo(409);

        // Views follow the event store within moments (a streaming processor), not within the POST.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode mongolia = get("/api/registry/states/MNG?asOf=2024-11-15", AUDITOR_KEY).json();
            assertThat(mongolia.path("status").asText()).isEqualTo("STATE_PARTY");
            assertThat(mongolia.path("entryIntoForce").asText()).isEqualTo("2024-11-01");
        });
        String beforeCorrection = Instant.now().toString();
        String depositId = get("/api/registry/states/MNG/history", AUDITOR_KEY).json().get(0).path("eventId").asText();

        Response correction = post("/api/registry/events", INTEGRATION_KEY, """
                {"clientId": "%s", "type": "InstrumentDeposited", "iso3": "MNG", "instrumentType": "ACCESSION",
                 "depositDate": "2024-06-03", "corrects": "%s",
                 "correctionReason": "the depositary notification gives 3 June 2024"}
                """.formatted(UUID.randomUUID(), depositId));
        assertThat(correction.status()).as(correction.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                get("/api/registry/states/MNG?asOf=2024-11-15", AUDITOR_KEY).json().path("status").asText())
                .isEqualTo("AWAITING_ENTRY_INTO_FORCE"));
        JsonNode asKnownBefore = get("/api/registry/states/MNG?asOf=2024-11-15&knownAt=" + beforeCorrection,
                AUDITOR_KEY).json();
        assertThat(asKnownBefore.path("status").asText()).isEqualTo("STATE_PARTY");
        assertThat(asKnownBefore.path("entryIntoForce").asText()).isEqualTo("2024-11-01");
        JsonNode history = get("/api/registry/states/MNG/history", AUDITOR_KEY).json();
        assertThat(history.get(0).path("correctedBecause").asText()).contains("3 June 2024");
        assertThat(history.get(0).path("principal").asText()).isEqualTo("ci-integration");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode reports = get("/api/reporting/reports?state=MNG&asOf=2025-01-01", AUDITOR_KEY).json();
            assertThat(reports).hasSize(1);
            assertThat(reports.get(0).path("dueDate").asText()).isEqualTo("2025-05-30");
            assertThat(reports.get(0).path("status").asText()).isEqualTo("NOT_YET_DUE");
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                get("/api/indicators/states-parties?asOf=2024-12-01", AUDITOR_KEY).json().path("states"))
                .extracting(JsonNode::asText).contains("MNG", "UKR"));
        assertThat(get("/api/indicators/states-parties?asOf=2024-11-30", AUDITOR_KEY).json().path("states"))
                .extracting(JsonNode::asText).doesNotContain("MNG");

        Response replay = post("/api/registry/operations/replay?processor=registry-facts", OPERATOR_KEY, "");
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                get("/api/registry/states/MNG?asOf=2024-12-01", AUDITOR_KEY).json().path("status").asText())
                .isEqualTo("STATE_PARTY"));
    }

    /** The real record, loaded on start: the States Parties (including those withdrawing) on three dates. */
    void answersTheRecordsCounts() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(parties("2010-01-01")).isEqualTo(156));
        assertThat(parties("2024-11-25")).isEqualTo(164);
        assertThat(parties("2026-03-01")).isEqualTo(160);
        // party=true asks for every State Party: STATE_PARTY alone leaves out Ukraine, whose withdrawal is pending
        assertThat(get("/api/registry/states?asOf=2026-03-01&party=true", AUDITOR_KEY).json()).hasSize(160);
        assertThat(get("/api/registry/states?asOf=2026-03-01&status=STATE_PARTY", AUDITOR_KEY).json()).hasSize(159);
        assertThat(get("/api/registry/states?asOf=2026-03-01&party=true", AUDITOR_KEY, "text/csv").body().lines())
                .hasSize(161).anyMatch(line -> line.startsWith("UKR,Ukraine,2026-03-01,WITHDRAWAL_PENDING"));
        assertThat(get("/api/registry/states?party=yes", AUDITOR_KEY).status()).isEqualTo(400);
        // South Sudan's succession takes effect from independence, 9 July 2011, though deposited in November
        assertThat(get("/api/registry/states/SSD?asOf=2011-07-10", AUDITOR_KEY).json().path("status").asText())
                .isEqualTo("STATE_PARTY");
        JsonNode belarus = get("/api/registry/states/BLR?asOf=2026-03-01", AUDITOR_KEY).json().path("article4");
        assertThat(belarus.path("completedOn").asText()).isEqualTo("2017-04-05");
        assertThat(belarus.path("state").asText()).isEqualTo("COMPLETED_AFTER_DEADLINE");
        assertThat(belarus.path("figure").asText()).isEqualTo("about 3,400,000");
        assertThat(get("/api/registry/operations/reference-data", AUDITOR_KEY).json().path("files"))
                .hasSize(5).allSatisfy(file -> assertThat(file.path("refused")).isEmpty());
        // the indicators service, from the registry's topic, counts the same States Parties by the same rules
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                get("/api/indicators/states-parties?asOf=2026-03-01", AUDITOR_KEY).json().path("count").asInt())
                .isEqualTo(160));
        assertThat(get("/api/indicators/states-parties?asOf=2010-01-01", AUDITOR_KEY).json().path("count").asInt())
                .isEqualTo(156);
        JsonNode newParties = get("/api/indicators/11.2?year=2025", AUDITOR_KEY).json();
        assertThat(newParties.path("counted")).extracting(c -> c.path("iso3").asText()).containsExactly("MHL");
        assertThat(get("/api/indicators?year=2025", AUDITOR_KEY, "text/csv").body().lines())
                .anyMatch(line -> line.startsWith("11.2,2025,COMPUTED,1.0,1,,MHL,"));
        // no report with its content is on record: no indicator over reports presents absence as a value
        JsonNode indicators = get("/api/indicators?year=2025", AUDITOR_KEY).json();
        assertThat(indicators).hasSize(106);
        assertThat(indicators).filteredOn(v -> !v.path("status").asText().equals("AWAITING_DATA"))
                .extracting(v -> v.path("id").asText())
                .as("the registry's counts, requests with no assessment due, votes the reporting test posts")
                .isSubsetOf("11.2", "12.2", "23.1", "23.2", "23.3", "24.1", "24.2");
        assertThat(indicators).filteredOn(v -> v.path("id").asText().equals("1.1")).singleElement().satisfies(v -> {
            assertThat(v.path("value").isNull()).isTrue();
            assertThat(v.path("awaiting").asText()).contains("on record: 0 of");
        });
        // the indicators' States Parties are the registry's (party=true), Ukraine (withdrawal pending) included
        List<String> registryParties = new ArrayList<>();
        get("/api/registry/states?asOf=2026-03-01&party=true", AUDITOR_KEY).json()
                .forEach(state -> registryParties.add(state.path("iso3").asText()));
        assertThat(get("/api/indicators/states-parties?asOf=2026-03-01", AUDITOR_KEY).json().path("states"))
                .extracting(JsonNode::asText).contains("UKR").containsExactlyInAnyOrderElementsOf(registryParties);
        assertThat(get("/api/registry/states?asOf=2026-03-01&status=WITHDRAWN", AUDITOR_KEY).json())
                .extracting(s -> s.path("iso3").asText()).containsExactlyInAnyOrder("EST", "FIN", "LTU", "LVA", "POL");
        Response csv = get("/api/registry/states?asOf=2026-03-01&status=WITHDRAWAL_PENDING", AUDITOR_KEY, "text/csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines()).hasSize(2).last().asString().startsWith("UKR,Ukraine,2026-03-01");
        assertThat(get("/api/registry/deadlines?obligation=article4&asOf=2026-03-01", AUDITOR_KEY).json())
                .anySatisfy(d -> assertThat(d.path("iso3").asText()).isEqualTo("UKR"));
        JsonNode article5 = get("/api/registry/deadlines?obligation=article5&asOf=2026-03-01", AUDITOR_KEY).json();
        assertThat(article5).anySatisfy(d -> {
            assertThat(d.path("iso3").asText()).isEqualTo("KHM");
            assertThat(d.path("deadline").asText()).isEqualTo("2030-12-31");
            assertThat(d.path("decidingMeetings").asText()).isEqualTo("RC4 22MSP");
        });
        // Lithuania, Latvia and Estonia's withdrawals (notices received 27 June 2025) took effect on 27 December
        // 2025, Finland's (10 July 2025) on 10 January 2026 (Art. 20.2): each an alert on its day, by the record.
        JsonNode withdrawals = get("/api/registry/alerts?from=2025-12-01&asOf=2026-01-31", AUDITOR_KEY).json();
        assertThat(withdrawals).filteredOn(a -> a.path("kind").asText().equals("WITHDRAWAL_TAKES_EFFECT"))
                .extracting(a -> a.path("id").asText()).containsExactly("WITHDRAWAL_TAKES_EFFECT/EST/2025-12-27",
                        "WITHDRAWAL_TAKES_EFFECT/LTU/2025-12-27", "WITHDRAWAL_TAKES_EFFECT/LVA/2025-12-27",
                        "WITHDRAWAL_TAKES_EFFECT/FIN/2026-01-10");
        Response feed = get("/api/registry/alerts?from=2025-12-01&asOf=2026-01-31&iso3=LTU", AUDITOR_KEY,
                "application/atom+xml");
        assertThat(feed.contentType()).startsWith("application/atom+xml");
        assertThat(feed.body()).contains("<id>tag:treaty-registry.org,2026:alert/WITHDRAWAL_TAKES_EFFECT/LTU/2025-12-27"
                + "</id>");
        assertThat(get("/api/registry/alerts?from=2026-02-01&asOf=2026-01-31", AUDITOR_KEY).status()).isEqualTo(400);
        assertThat(get("/api/registry/alerts?daysAhead=0", AUDITOR_KEY).status()).isEqualTo(400);
        assertThat(get("/api/registry/meetings", AUDITOR_KEY).json()).anySatisfy(m -> {
            assertThat(m.path("code").asText()).isEqualTo("22MSP");
            assertThat(m.path("decisions")).extracting(d -> d.path("iso3").asText()).contains("KHM");
        });

        long[] millis = new long[15];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            assertThat(get("/api/registry/states?asOf=2026-03-01", AUDITOR_KEY).status()).isEqualTo(200);
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf("MEASURED GET /api/registry/states through the gateway (warm): median %d ms, max %d ms%n",
                millis[millis.length / 2], millis[millis.length - 1]);
    }

    private long parties(String date) {
        JsonNode states = get("/api/registry/states?asOf=" + date, AUDITOR_KEY).json();
        long count = 0;
        for (JsonNode state : states) {
            String status = state.path("status").asText();
            if (status.equals("STATE_PARTY") || status.equals("WITHDRAWAL_PENDING")) {
                count++;
            }
        }
        return count;
    }

    Response get(String path, String key) {
        return get(path, key, "application/json");
    }

    Response get(String path, String key, String accept) {
        return send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Accept", accept).GET(), key);
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
