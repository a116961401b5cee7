package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Reporting through the gateway: reports, stockpile facts and land release posted by an integration, refused
 * with reasons when wrong, and read by an auditor as of two dates and as known at two times; a deposit recorded
 * by the registry changes the reports owed here within a second, via Kafka.
 */
final class ReportingSlice {

    private final VerticalSlice http;

    ReportingSlice(VerticalSlice http) {
        this.http = http;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private VerticalSlice.Response post(String body) {
        return http.post("/api/reporting/events", VerticalSlice.INTEGRATION_KEY, body);
    }

    private JsonNode get(String path) {
        VerticalSlice.Response response = http.get(path, VerticalSlice.AUDITOR_KEY);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    void run() {
        // the registry's record reached reporting over Kafka: Ukraine owes reports from its entry into force
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/api/reporting/reports?state=UKR&asOf=2007-06-01").size() > 0);
        aNewStatePartyOwesReportsOnceTheRegistryRecordsItsDeposit();

        String declared = """
                [{"clientId": "%s", "type": "StockpileDeclared", "iso3": "UKR", "declaredOn": "2006-11-28",
                  "mineType": "PFM-1", "quantity": 5950000},
                 {"clientId": "%s", "type": "MinesDestroyed", "iso3": "UKR", "destroyedOn": "2009-12-31",
                  "mineType": "PFM-1", "quantity": 1000000, "article": 4},
                 {"clientId": "%s", "type": "ReportSubmitted", "iso3": "UKR", "period": "initial",
                  "receivedOn": "2006-11-20", "content": {"nationalMeasures": "IN_PROGRESS",
                  "stockpile": [{"mineType": "PFM-1", "quantity": 5950000}]}, "answers": {"13.3": "yes"}},
                 {"clientId": "%s", "type": "ReportSubmitted", "iso3": "UKR", "period": "2009",
                  "receivedOn": "2010-06-15", "content": {"destroyed": [{"mineType": "PFM-1", "quantity": 0,
                  "article": 4}]}}]""".formatted(id(), id(), id(), id());
        assertThat(http.post("/api/reporting/events", VerticalSlice.AUDITOR_KEY, declared).status())
                .as("an auditor may not post").isEqualTo(403);
        VerticalSlice.Response recorded = post(declared);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        assertThat(recorded.json().path("results")).hasSize(4);
        assertThat(post(declared).json().path("results").get(0).path("status").asText()).isEqualTo("ALREADY_RECORDED");

        // refused, each with its reason, and nothing of the batch recorded
        VerticalSlice.Response refused = post("""
                [{"clientId": "%s", "type": "MinesDestroyed", "iso3": "UKR", "destroyedOn": "2010-03-01",
                  "mineType": "PFM-1", "quantity": 4950001, "article": 4},
                 {"clientId": "%s", "type": "StockpileDeclared", "iso3": "XXX", "declaredOn": "2010-01-01",
                  "mineType": "PMN", "quantity": 1},
                 {"clientId": "%s", "type": "StockpileDeclared", "iso3": "UKR", "declaredOn": "2010-01-01",
                  "mineType": "PMN", "quantity": 1.5},
                 {"clientId": "%s", "type": "ReportSubmitted", "iso3": "UKR", "period": "2004",
                  "receivedOn": "2005-04-30", "content": {}},
                 {"clientId": "%s", "type": "StockpileDeclared", "iso3": "UKR", "declaredOn": "2099-01-01",
                  "mineType": "PMN", "quantity": 1},
                 {"clientId": "%s", "type": "StockpileDeclared", "iso3": "UKR", "declaredOn": "2010-01-01",
                  "mineType": "PMN", "quantity": -3},
                 {"clientId": "%s", "type": "StockpileRumoured", "iso3": "UKR"},
                 {"clientId": "%s", "type": "MinesTransferred", "iso3": "UKR", "transferredOn": "2010-01-01",
                  "mineType": "PFM-1"},
                 {"clientId": "not-a-uuid", "type": "StockpileDeclared", "iso3": "UKR", "declaredOn": "2010-01-01",
                  "mineType": "PMN", "quantity": 3},
                 {"clientId": "%s", "type": "LandReleased", "iso3": "KHM", "releasedOn": "2024-01-01",
                  "method": "CLEARED", "m2": 5, "minesDestroyed": 0},
                 {"type": "StockpileDeclared", "iso3": "UKR", "declaredOn": "2010-01-01", "mineType": "PMN",
                  "quantity": 3}]"""
                .formatted(id(), id(), id(), id(), id(), id(), id(), id(), id()));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode errors = refused.json().path("errors");
        assertThat(errors).extracting(e -> e.path("rule").asText()).containsExactly("more-than-held",
                "unknown-state", "wrong-type", "before-entry-into-force", "future-date", "negative-quantity",
                "unknown-type", "missing-field", "client-id", "area-id", "client-id");

        // land release in Cambodia: two areas, then a release of more than remains is refused
        Instant beforeClearance = postLandRelease();
        VerticalSlice.Response tooMuch = post("""
                {"clientId": "%s", "type": "LandReleased", "iso3": "KHM", "areaId": "BTB-001",
                 "releasedOn": "2024-05-01", "method": "CLEARED", "m2": 30001, "minesDestroyed": 3}""".formatted(id()));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.json().path("errors").get(0).path("rule").asText()).isEqualTo("more-than-remains");

        // a voluntary report from a State not party
        assertThat(post("""
                {"clientId": "%s", "type": "ReportSubmitted", "iso3": "USA", "period": "2024",
                 "receivedOn": "2025-03-01", "voluntary": true, "content": {}}""".formatted(id())).status())
                .isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode in2007 = get("/api/reporting/reports?state=UKR&asOf=2007-06-01");
            assertThat(status(in2007, "initial")).isEqualTo("SUBMITTED_ON_TIME");
            // the shipped record: received 11 April 2007, its content not on record
            assertThat(status(in2007, "2006")).isEqualTo("SUBMITTED_ON_TIME");
            JsonNode in2010 = get("/api/reporting/reports?state=UKR&asOf=2010-07-01");
            assertThat(status(in2010, "2009")).isEqualTo("SUBMITTED_LATE");
            // not in the shipped sample, and the record is not declared complete: unknown, not missing
            assertThat(status(in2010, "2007")).isEqualTo("NOT_ON_RECORD");
        });
        // the ISU declares the record of Ukraine's report for 2007 complete: absent, it is missing
        assertThat(post("""
                {"clientId": "%s", "type": "ReportRecordCompletenessDeclared", "iso3": "UKR", "period": "2007",
                 "declaredOn": "2025-12-01", "sourceReference": "ISU reconciliation"}""".formatted(id())).status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(status(get("/api/reporting/reports?state=UKR&asOf=2010-07-01"), "2007"))
                        .isEqualTo("MISSING"));
        // and its alerts, as a subscriber would have had them in 2008: warned of twice, overdue the day after
        assertThat(get("/api/reporting/alerts?iso3=UKR&from=2008-01-01&asOf=2008-12-31"))
                .extracting(a -> a.path("id").asText()).containsExactly("ARTICLE_7_REPORT_DUE/UKR/2008-04-30/90",
                        "ARTICLE_7_REPORT_DUE/UKR/2008-04-30/30", "ARTICLE_7_REPORT_OVERDUE/UKR/2008-04-30");
        assertThat(get("/api/reporting/reports?state=UKR&period=2007&asOf=2010-07-01")).singleElement()
                .satisfies(r -> assertThat(r.path("dueDate").asText()).isEqualTo("2008-04-30"));
        assertThat(get("/api/reporting/reports?state=UKR&dueYear=2008&asOf=2010-07-01"))
                .extracting(r -> r.path("period").asText()).containsExactly("2007");
        VerticalSlice.Response ambiguous = http.get("/api/reporting/reports?year=2025", VerticalSlice.AUDITOR_KEY);
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.body()).contains("period=2025").contains("dueYear=2025");
        // the shipped record loaded with nothing refused, and its figures as stated
        JsonNode load = http.get("/api/reporting/operations/reference-data", VerticalSlice.OPERATOR_KEY).json();
        assertThat(load.path("ran").asBoolean()).isTrue();
        assertThat(load.path("files")).hasSize(3).allSatisfy(f -> assertThat(f.path("refused")).isEmpty());
        assertThat(get("/api/reporting/land-release-figures?state=KHM")).hasSize(10);
        assertThat(get("/api/reporting/retained-mines?state=TUR")).extracting(r -> r.path("figureFor").asText())
                .contains("initial", "2010");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                get("/api/reporting/reports?state=USA&asOf=2025-06-01")).singleElement()
                .satisfies(r -> assertThat(r.path("status").asText()).isEqualTo("VOLUNTARY")));
        assertThat(http.get("/api/reporting/reports?state=UKR&asOf=2009-07-01&status=MISSING",
                VerticalSlice.AUDITOR_KEY, "text/csv").body()).startsWith("iso3,name,period,dueDate,status")
                .contains("UKR,Ukraine,2007,2008-04-30,MISSING");

        // Ukraine's stockpile: on its Article 4 deadline (1 June 2010) and the day after (Action 14)
        JsonNode onDeadline = get("/api/reporting/states/UKR/stockpile?asOf=2010-06-01");
        assertThat(onDeadline.path("article4Deadline").asText()).isEqualTo("2010-06-01");
        assertThat(onDeadline.path("action14").asBoolean()).isFalse();
        JsonNode dayAfter = get("/api/reporting/states/UKR/stockpile?asOf=2010-06-02");
        assertThat(dayAfter.path("totalHeld").asLong()).isEqualTo(4_950_000);
        assertThat(dayAfter.path("action14").asBoolean()).isTrue();
        assertThat(get("/api/reporting/compliance?state=UKR&asOf=2010-06-02"))
                .anySatisfy(flag -> {
                    assertThat(flag.path("rule").asText()).isEqualTo("action-14");
                    assertThat(flag.path("eventIds")).hasSize(2);
                });

        // contamination as of two dates, and as known before the clearance was recorded
        JsonNode in2023 = get("/api/reporting/states/KHM/contamination?asOf=2023-12-31");
        assertThat(in2023.path("remainingM2").asLong()).isEqualTo(80_000);
        JsonNode in2025 = get("/api/reporting/states/KHM/contamination?asOf=2025-01-01");
        assertThat(in2025.path("remainingM2").asLong()).isEqualTo(80_000 - 20_000 - 20_000);
        assertThat(in2025.path("released")).anySatisfy(r -> {
            assertThat(r.path("year").asInt()).isEqualTo(2024);
            assertThat(r.path("method").asText()).isEqualTo("CLEARED");
            assertThat(r.path("minesDestroyed").asLong()).isEqualTo(7);
        });
        assertThat(get("/api/reporting/states/KHM/contamination?asOf=2025-01-01&knownAt=" + beforeClearance)
                .path("remainingM2").asLong()).isEqualTo(80_000 - 20_000);
        assertThat(get("/api/reporting/contamination?asOf=2025-01-01")).anySatisfy(s ->
                assertThat(s.path("iso3").asText()).isEqualTo("KHM"));
        assertThat(get("/api/reporting/states/KHM/contamination/2024/events")).hasSize(2);
        assertThat(get("/api/reporting/states/KHM/areas/BTB-001").path("events")).as("identified, cleared")
                .hasSize(2);

        // the indicators read the reports too (over Kafka): Ukraine, past its Art. 4 deadline, answers 14.1. Only
        // its report for 2025 is on record: who else missed the deadline is unknown, so the value is partial
        assertThat(post("""
                {"clientId": "%s", "type": "ReportSubmitted", "iso3": "UKR", "period": "2025",
                 "receivedOn": "2026-04-10", "content": {"stockpile": [{"mineType": "PFM-1", "quantity": 4950000}]},
                 "answers": {"14.1": "yes"}}""".formatted(id())).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode plan = get("/api/indicators/14.1?year=2026");
            assertThat(plan.path("status").asText()).isEqualTo("PARTIAL");
            assertThat(plan.path("coverage").path("onRecord").asInt()).isEqualTo(1);
            assertThat(plan.path("counted")).anySatisfy(c -> assertThat(c.path("iso3").asText()).isEqualTo("UKR"));
            assertThat(plan.path("value").asDouble()).isEqualTo(100.0);
        });

        // the indicators' own records: votes on the 2025 UN General Assembly resolution, one refused
        {
            VerticalSlice.Response votes = http.post("/api/indicators/events", VerticalSlice.INTEGRATION_KEY, """
                    [{"clientId": "%s", "type": "UnResolutionVoted", "iso3": "NOR", "resolution": "A/RES/80/x",
                      "votedOn": "2025-12-02", "vote": "YES"},
                     {"clientId": "%s", "type": "UnResolutionVoted", "iso3": "CAN", "resolution": "A/RES/80/x",
                      "votedOn": "2025-12-02", "vote": "YES"}]""".formatted(id(), id()));
            assertThat(votes.status()).as(votes.body()).isEqualTo(201);
            VerticalSlice.Response moratorium = http.post("/api/indicators/events", VerticalSlice.INTEGRATION_KEY, """
                    {"clientId": "%s", "type": "MoratoriumDeclared", "iso3": "NOR", "declaredOn": "2025-01-01",
                     "scope": "use"}""".formatted(id()));
            assertThat(moratorium.status()).isEqualTo(422);
            assertThat(moratorium.json().path("errors").get(0).path("rule").asText()).isEqualTo("state-party");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/indicators/12.2?year=2025").path("value").asDouble()).isEqualTo(2.0));
    }

    /** Two areas identified in 2023, land cancelled in 2024; then, recorded later, a clearance. */
    private Instant postLandRelease() {
        assertThat(post("""
                [{"clientId": "%s", "type": "HazardousAreaRecorded", "iso3": "KHM", "areaId": "BTB-001",
                  "identifiedOn": "2023-02-01", "status": "CONFIRMED", "sizeM2": 50000, "contamination": "AP_MINES"},
                 {"clientId": "%s", "type": "HazardousAreaRecorded", "iso3": "KHM", "areaId": "BTB-002",
                  "identifiedOn": "2023-03-01", "status": "SUSPECTED", "sizeM2": 30000,
                  "contamination": "IMPROVISED_AP_MINES"},
                 {"clientId": "%s", "type": "LandReleased", "iso3": "KHM", "areaId": "BTB-002",
                  "releasedOn": "2024-02-01", "method": "CANCELLED", "m2": 20000, "minesDestroyed": 0}]"""
                .formatted(id(), id(), id())).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/api/reporting/states/KHM/contamination?asOf=2025-01-01").path("events").asInt() == 3);
        Instant between = Instant.now();
        assertThat(post("""
                {"clientId": "%s", "type": "LandReleased", "iso3": "KHM", "areaId": "BTB-001",
                 "releasedOn": "2024-04-01", "method": "CLEARED", "m2": 20000, "minesDestroyed": 7}"""
                .formatted(id())).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/api/reporting/states/KHM/contamination?asOf=2025-01-01").path("events").asInt() == 4);
        return between;
    }

    /** The United Arab Emirates accede: reporting owes their initial report (how fast: see the benchmark). */
    private void aNewStatePartyOwesReportsOnceTheRegistryRecordsItsDeposit() {
        String deposit = """
                {"clientId": "%s", "type": "InstrumentDeposited", "iso3": "ARE", "instrumentType": "ACCESSION",
                 "depositDate": "2026-06-15"}""".formatted(id());
        assertThat(get("/api/reporting/reports?state=ARE&asOf=2026-11-01")).isEmpty();
        long posting = System.nanoTime();
        assertThat(http.post("/api/registry/events", VerticalSlice.INTEGRATION_KEY, deposit).status()).isEqualTo(201);
        // the fact is recorded once the registry answers 201; from then on it travels through Kafka
        long recorded = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> get("/api/reporting/reports?state=ARE&asOf=2026-11-01").size() == 1);
        long millis = (System.nanoTime() - recorded) / 1_000_000;
        JsonNode initial = get("/api/reporting/reports?state=ARE&asOf=2026-11-01").get(0);
        assertThat(initial.path("dueDate").asText()).isEqualTo("2027-05-30");
        System.out.printf("[measure] deposit recorded by the registry -> due date seen by reporting: %d ms "
                + "(%d ms from the start of the post)%n", millis, (System.nanoTime() - posting) / 1_000_000);
    }

    private static String status(JsonNode rows, String period) {
        for (JsonNode row : rows) {
            if (row.path("period").asText().equals(period)) {
                return row.path("status").asText();
            }
        }
        return "none";
    }
}
