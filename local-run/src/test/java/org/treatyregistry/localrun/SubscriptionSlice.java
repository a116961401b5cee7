package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A subscriber's first hour, through the gateway: an integration subscribes a receiver on loopback to one State's
 * registry facts (the receiver answers the validation handshake), posts a fact, and sees it arrive once, signed with
 * the secret it was given; another key does not see the subscription; the delivery log lists the attempt; a rotated
 * secret signs beside the old one.
 */
final class SubscriptionSlice implements AutoCloseable {

    /** A delivery as received: its headers and body. */
    record Delivery(Map<String, String> headers, byte[] body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final VerticalSlice api;
    private final HttpServer receiver;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    SubscriptionSlice(VerticalSlice api) throws IOException {
        this.api = api;
        this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                if (exchange.getRequestMethod().equals("OPTIONS")) {
                    exchange.getResponseHeaders().add("WebHook-Allowed-Origin",
                            exchange.getRequestHeaders().getFirst("WebHook-Request-Origin"));
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                Map<String, String> headers = Map.of(
                        "webhook-id", exchange.getRequestHeaders().getFirst("webhook-id"),
                        "webhook-timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        "webhook-signature", exchange.getRequestHeaders().getFirst("webhook-signature"));
                deliveries.add(new Delivery(headers, exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
    }

    void run() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
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
        assertThat(deliveries).as("only Nepal's facts").hasSize(2);
        Delivery second = deliveries.get(1);
        assertThat(verifies(second, rotated)).as("the new secret").isTrue();
        assertThat(verifies(second, secret)).as("the old secret, for a day").isTrue();
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
        receiver.stop(0);
    }
}
