package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.treatyregistry.localrun.LoopbackReceiver.Delivery;

/**
 * A subscriber's first hour, through the gateway: an integration subscribes a receiver on loopback to one State's
 * registry facts (the receiver answers the validation handshake), posts a fact, and sees it arrive once, signed with
 * the secret it was given; another key does not see the subscription; the delivery log lists the attempt; a rotated
 * secret signs beside the old one.
 */
final class SubscriptionSlice implements AutoCloseable {


    private static final ObjectMapper JSON = new ObjectMapper();

    private final VerticalSlice api;
    private final LoopbackReceiver receiver;
    private final List<Delivery> deliveries;
    private final List<Delivery> alerts;

    SubscriptionSlice(VerticalSlice api) throws IOException {
        this.api = api;
        this.receiver = new LoopbackReceiver("/hook", "/alerts");
        this.deliveries = receiver.deliveries("/hook");
        this.alerts = receiver.deliveries("/alerts");
    }

    void run() throws Exception {
        String url = receiver.url("/hook");
        VerticalSlice.Response made = api.post("/api/registry/subscriptions", VerticalSlice.INTEGRATION_KEY, """
                {"url": "%s", "states": ["NPL"]}
                """.formatted(url));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String id = made.json().path("id").asText();
        String secret = made.json().path("secret").asText();
        assertThat(made.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(secret).startsWith("whsec_");

        assertThat(api.get("/api/registry/subscriptions", VerticalSlice.AUDITOR_KEY).json()).as("another key's")
                .noneMatch(s -> s.path("id").asText().equals(id));
        assertThat(api.get("/api/registry/subscriptions/" + id, VerticalSlice.AUDITOR_KEY).status()).isEqualTo(404);
        VerticalSlice.Response refused = api.post("/api/registry/subscriptions", VerticalSlice.INTEGRATION_KEY, """
                {"url": "https://10.0.0.7/hook"}
                """);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains("private network");

        post("""
                [{"clientId": "%s", "type": "InstrumentDeposited", "iso3": "NPL", "instrumentType": "ACCESSION",
                  "depositDate": "2025-03-01", "sourceReference": "C.N.TEST.2025.NPL"}]
                """.formatted(UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !deliveries.isEmpty());
        Delivery first = deliveries.get(0);
        assertThat(verifies(first, secret)).as("signed with the subscription's secret").isTrue();
        JsonNode event = JSON.readTree(first.body());
        assertThat(first.headers().get("webhook-id")).as("the CloudEvent's id").isEqualTo(event.path("id").asText());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get(
                "/api/registry/states/NPL/history", VerticalSlice.AUDITOR_KEY).json())
                .anyMatch(fact -> fact.path("eventId").asText().equals(event.path("id").asText())));
        assertThat(event.path("subject").asText()).isEqualTo("NPL");
        assertThat(event.path("type").asText()).isEqualTo("org.treatyregistry.InstrumentDeposited");

        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/registry/subscriptions/" + id
                + "/deliveries", VerticalSlice.INTEGRATION_KEY).json().size() == 1);
        assertThat(api.get("/api/registry/subscriptions/" + id + "/deliveries", VerticalSlice.INTEGRATION_KEY)
                .json().get(0).path("outcome").asText()).isEqualTo("delivered");

        String rotated = api.post("/api/registry/subscriptions/" + id + "/secret", VerticalSlice.INTEGRATION_KEY, "")
                .json().path("secret").asText();
        assertThat(api.post("/api/registry/events", VerticalSlice.INTEGRATION_KEY, """
                [{"clientId": "%s", "type": "InstrumentDeposited", "iso3": "SGP", "instrumentType": "ACCESSION",
                  "depositDate": "2025-04-01", "sourceReference": "C.N.TEST.2025.SGP"}]
                """.formatted(UUID.randomUUID())).status()).as("another State's fact").isEqualTo(201);
        post("""
                [{"clientId": "%s", "type": "InstrumentDeposited", "iso3": "NPL", "instrumentType": "ACCESSION",
                  "depositDate": "2025-03-02", "corrects": "%s", "correctionReason": "the notification's date"}]
                """.formatted(UUID.randomUUID(), event.path("id").asText()));
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.size() >= 2);
        // The correction may be recorded as more than one event; each is Nepal's, none Singapore's.
        assertThat(deliveries).as("only Nepal's facts").allSatisfy(d -> assertThat(JSON.readTree(d.body())
                .path("subject").asText()).isEqualTo("NPL"));
        Delivery second = deliveries.get(1);
        assertThat(verifies(second, rotated)).as("the new secret").isTrue();
        assertThat(verifies(second, secret)).as("the old secret, for a day").isTrue();

        feeds(id, event.path("id").asText());
        Instant before = Instant.parse(event.path("recordedtime").asText()).minusMillis(1);
        int delivered = deliveries.size();
        List<String> since = new ArrayList<>();
        for (Delivery d : deliveries) {
            if (!Instant.parse(JSON.readTree(d.body()).path("recordedtime").asText()).isBefore(before)
                    && !since.contains(d.headers().get("webhook-id"))) {
                since.add(d.headers().get("webhook-id"));
            }
        }
        VerticalSlice.Response replayed = api.post("/api/registry/subscriptions/" + id + "/replay",
                VerticalSlice.INTEGRATION_KEY, "{\"fromKnownAt\": \"" + before + "\"}");
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(202);
        assertThat(replayed.json().path("queued").asInt()).as("Nepal's facts since").isEqualTo(since.size())
                .isGreaterThanOrEqualTo(2);
        VerticalSlice.Response quiet = api.post("/api/registry/subscriptions/" + id + "/replay",
                VerticalSlice.INTEGRATION_KEY, "{\"fromKnownAt\": \"2000-01-01T00:00:00Z\", \"toKnownAt\": "
                        + "\"2000-01-02T00:00:00Z\"}");
        assertThat(quiet.status()).as("a day with nothing recorded: " + quiet.body()).isEqualTo(202);
        assertThat(quiet.json().path("queued").asInt()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.size() >= delivered + since.size());
        assertThat(deliveries.subList(delivered, delivered + since.size())).extracting(d -> d.headers()
                .get("webhook-id")).as("the same events again, under the same ids, in order").isEqualTo(since);

        alerts(receiver.url("/alerts"));
    }

    /** Nepal's fact in the State's feed, in its type's and in the subscription's, under its event id. */
    private void feeds(String subscription, String eventId) throws Exception {
        String atom = "application/atom+xml, application/problem+json";
        for (String feed : List.of("/api/registry/feeds/states/NPL",
                "/api/registry/feeds/types/org.treatyregistry.InstrumentDeposited",
                "/api/registry/subscriptions/" + subscription + "/feed")) {
            VerticalSlice.Response read = api.get(feed, feed.contains("/subscriptions/") ? VerticalSlice.INTEGRATION_KEY
                    : VerticalSlice.AUDITOR_KEY, atom);
            assertThat(read.status()).as(feed + ": " + read.body()).isEqualTo(200);
            org.w3c.dom.Document xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(read.body().getBytes(StandardCharsets.UTF_8)));
            List<String> ids = new ArrayList<>();
            org.w3c.dom.NodeList entries = xml.getElementsByTagName("entry");
            for (int i = 0; i < entries.getLength(); i++) {
                ids.add(((org.w3c.dom.Element) entries.item(i)).getElementsByTagName("id").item(0).getTextContent());
            }
            assertThat(ids).as(feed).contains("urn:uuid:" + eventId);
        }
        assertThat(api.get("/api/registry/feeds/types/org.treatyregistry.Nothing", VerticalSlice.AUDITOR_KEY, atom)
                .status()).isEqualTo(404);
    }

    /**
     * Alerts only, from the real record: Article 5 deadlines within ten years, clearance not completed, each a
     * signed CloudEvent of its own type with the rule it follows; an alert another service gives is refused, as is
     * a field no subscription has.
     */
    private void alerts(String url) throws Exception {
        VerticalSlice.Response wrongService = api.post("/api/registry/subscriptions", VerticalSlice.AUDITOR_KEY, """
                {"url": "%s", "events": false, "alerts": ["ARTICLE_7_REPORT_DUE"]}
                """.formatted(url));
        assertThat(wrongService.status()).isEqualTo(400);
        assertThat(wrongService.json().path("detail").asText()).contains("ARTICLE_5_DEADLINE_APPROACHING");
        VerticalSlice.Response unknownField = api.post("/api/registry/subscriptions", VerticalSlice.AUDITOR_KEY, """
                {"url": "%s", "state": ["UKR"]}
                """.formatted(url));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().path("detail").asText()).contains("'state' is no field");

        VerticalSlice.Response made = api.post("/api/registry/subscriptions", VerticalSlice.AUDITOR_KEY, """
                {"url": "%s", "events": false, "alerts": ["ARTICLE_5_DEADLINE_APPROACHING"], "daysAhead": [3650]}
                """.formatted(url));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.json().path("queued").asInt()).as("deadlines ahead, clearance owed").isPositive();
        String secret = made.json().path("secret").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> alerts.size() == made.json().path("queued").asInt());
        for (Delivery alert : alerts) {
            JsonNode event = JSON.readTree(alert.body());
            assertThat(verifies(alert, secret)).isTrue();
            assertThat(event.path("type").asText()).isEqualTo("org.treatyregistry.alert.Article5DeadlineApproaching");
            assertThat(event.path("data").path("rule").asText()).startsWith("Art. 5: mined areas to be cleared by");
            assertThat(LocalDate.parse(event.path("data").path("date").asText())).isAfterOrEqualTo(LocalDate.now(
                    java.time.ZoneOffset.UTC).minusDays(1));
        }
    }

    /** Posts facts about Nepal, a State not party (a hypothetical accession, then its correction). */
    private void post(String facts) {
        VerticalSlice.Response recorded = api.post("/api/registry/events", VerticalSlice.INTEGRATION_KEY, facts);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
    }

    /** Standard Webhooks v1, checked as a receiver would: HMAC-SHA256 of id.timestamp.body, any listed signature. */
    private static boolean verifies(Delivery delivery, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((delivery.headers().get("webhook-id") + "." + delivery.headers().get("webhook-timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(delivery.body());
        List<byte[]> given = new ArrayList<>();
        for (String signature : delivery.headers().get("webhook-signature").split(" ")) {
            if (signature.startsWith("v1,")) {
                given.add(Base64.getDecoder().decode(signature.substring(3)));
            }
        }
        return given.stream().anyMatch(g -> MessageDigest.isEqual(g, expected));
    }

    @Override
    public void close() {
        receiver.close();
    }
}
