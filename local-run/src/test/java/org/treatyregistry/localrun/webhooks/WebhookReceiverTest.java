package org.treatyregistry.localrun.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.platform.subscriptions.WebhookSignatures;

/**
 * The bench's and the fault suite's receiver judges deliveries as the suite needs: signed with the subscription's
 * secret by the services' own signer, each event's first arrival kept once, a State's earlier event after a later
 * one told, a badly signed delivery refused and counted. A stand-in gateway makes the subscription, after the
 * CloudEvents handshake a service asks.
 */
class WebhookReceiverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String secret = WebhookSignatures.newSecret();
    private HttpServer gateway;
    private WebhookReceiver receiver;
    private String hook;

    @BeforeEach
    void subscribe() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/api/reporting/subscriptions", exchange -> {
            try (exchange) {
                hook = JSON.readTree(exchange.getRequestBody()).path("url").asText();
                HttpResponse<Void> handshake = http.send(HttpRequest.newBuilder(URI.create(hook))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("WebHook-Request-Origin", "treaty-registry-reporting").build(),
                        HttpResponse.BodyHandlers.discarding());
                boolean agreed = handshake.statusCode() == 200 && "treaty-registry-reporting".equals(
                        handshake.headers().firstValue("WebHook-Allowed-Origin").orElse(null));
                byte[] answer = JSON.writeValueAsBytes(Map.of("id", "sub_test", "secret", secret,
                        "status", agreed ? "ACTIVE" : "STARTING", "fromPosition", 7));
                exchange.sendResponseHeaders(agreed ? 201 : 422, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        gateway.start();
        receiver = new WebhookReceiver();
        WebhookReceiver.Subscription subscription = receiver.subscribe("http://127.0.0.1:"
                + gateway.getAddress().getPort(), "key", "reporting", List.of());
        assertThat(subscription.fromPosition()).isEqualTo(7);
    }

    @AfterEach
    void stop() {
        receiver.close();
        gateway.stop(0);
    }

    @Test
    void keepsEachEventsFirstArrivalAndTellsRepeatsDisorderAndBadSignatures() throws Exception {
        assertThat(deliver("e1", "UKR", 10, secret)).isEqualTo(204);
        assertThat(deliver("e1", "UKR", 10, secret)).as("a repeat, as after a lost answer").isEqualTo(204);
        assertThat(deliver("e2", "UKR", 12, secret)).isEqualTo(204);
        assertThat(deliver("e3", "UKR", 11, secret)).as("after a later event of its State").isEqualTo(204);
        assertThat(deliver("e4", "FRA", 9, secret)).as("another State's order is its own").isEqualTo(204);
        assertThat(deliver("e5", "FRA", 13, WebhookSignatures.newSecret())).as("another secret's").isEqualTo(401);

        WebhookReceiver.Deliveries deliveries = receiver.deliveries("reporting");
        assertThat(deliveries.first()).containsOnlyKeys("e1", "e2", "e3", "e4");
        assertThat(deliveries.first().get("e2").position()).isEqualTo(12);
        assertThat(deliveries.first().get("e2").state()).isEqualTo("UKR");
        assertThat(deliveries.repeats()).isEqualTo(1);
        assertThat(deliveries.outOfOrder()).isEqualTo(1);
        assertThat(deliveries.firstOutOfOrder()).isEqualTo("UKR position 11 after 12");
        assertThat(deliveries.badSignatures()).isEqualTo(1);
        assertThat(deliveries.firstBadSignature()).startsWith("e5 ");
    }

    /** A delivery as the services send it: a structured CloudEvent, signed by their signer under {@code key}. */
    private int deliver(String id, String state, long position, String key) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsString(Map.of("specversion", "1.0", "id", id, "subject", state,
                "time", "2020-01-15T00:00:00Z", "recordedtime", Instant.now().toString(),
                "position", Long.toString(position))).getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        return http.send(HttpRequest.newBuilder(URI.create(hook)).header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignatures.v1(key, id, timestamp, body) + " v1a,bm90IHRoaXM=")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
