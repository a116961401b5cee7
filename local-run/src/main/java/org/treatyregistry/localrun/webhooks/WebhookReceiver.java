package org.treatyregistry.localrun.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook subscriber on loopback for the bench and the fault suite: subscribes through the gateway to a service's
 * events, answers the CloudEvents validation handshake, and keeps, per service, the first arrival of each event
 * (by {@code webhook-id}) with its State, store position and recorded time, how many deliveries repeated one,
 * how many were not signed with the subscription's secret (Standard Webhooks {@code v1}; refused with 401, as a
 * receiver would), and how many first arrivals came after a later event of their State. It verifies and records
 * in the request and answers at once, so it never holds a sender up.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A subscription as its POST answered: the secret is shown this once. */
    public record Subscription(String service, String id, String secret, long fromPosition) {
    }

    /** An event's first delivery: its State ({@code subject}), store position, recorded time, and when it came. */
    public record Arrival(String state, long position, Instant recordedTime, Instant arrivedAt) {
    }

    /** What one service's subscription delivered so far: first arrivals by event id, and the counts. */
    public record Deliveries(Map<String, Arrival> first, long repeats, long outOfOrder, String firstOutOfOrder,
                             long badSignatures, String firstBadSignature) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService handlers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Inbox> inboxes = new ConcurrentHashMap<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        handlers = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/hook/", this::handle);
        server.start();
    }

    /**
     * Subscribes this receiver through the gateway to {@code service}'s events about {@code states} (all if empty),
     * of every type, from now; throws unless the service answered 201 with an active subscription.
     */
    public Subscription subscribe(String gateway, String apiKey, String service, List<String> states)
            throws IOException, InterruptedException {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + service;
        // Before the POST: the service's handshake and any early delivery must find the inbox.
        Inbox inbox = inboxes.computeIfAbsent(service, s -> new Inbox());
        String body = JSON.writeValueAsString(Map.of("url", url, "types", List.of(), "states", states, "from", "now"));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/" + service
                        + "/subscriptions")).header("X-API-Key", apiKey).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode made = answer.statusCode() == 201 ? JSON.readTree(answer.body()) : null;
        if (made == null || !"ACTIVE".equals(made.path("status").asText())) {
            throw new IllegalStateException("subscribing to " + service + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        Subscription subscription = new Subscription(service, made.path("id").asText(),
                made.path("secret").asText(), made.path("fromPosition").asLong());
        inbox.key = Base64.getDecoder().decode(subscription.secret().substring("whsec_".length()));
        inbox.keyed.countDown();
        return subscription;
    }

    /** Deletes the subscription (and what is queued for it); its deliveries so far stay here. */
    public void unsubscribe(String gateway, String apiKey, Subscription subscription)
            throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/" + subscription.service() + "/subscriptions/"
                        + subscription.id())).header("X-API-Key", apiKey).timeout(Duration.ofSeconds(60)).DELETE()
                .build(), HttpResponse.BodyHandlers.discarding());
    }

    /** A copy of what {@code service}'s subscription delivered so far. */
    public Deliveries deliveries(String service) {
        Inbox inbox = inboxes.get(service);
        if (inbox == null) {
            return new Deliveries(Map.of(), 0, 0, null, 0, null);
        }
        synchronized (inbox) {
            return new Deliveries(new HashMap<>(inbox.first), inbox.repeats, inbox.outOfOrder, inbox.firstOutOfOrder,
                    inbox.badSignatures, inbox.firstBadSignature);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant arrived = Instant.now();
            Inbox inbox = inboxes.get(exchange.getRequestURI().getPath().substring("/hook/".length()));
            if (inbox == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                exchange.getResponseHeaders().add("WebHook-Allowed-Origin",
                        exchange.getRequestHeaders().getFirst("WebHook-Request-Origin"));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            // The subscription is active just before its POST is answered: a first delivery may come before the
            // secret is read from the answer.
            if (!inbox.keyed.await(10, TimeUnit.SECONDS)) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            boolean signed = verifies(inbox.key, id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body);
            if (!signed) {
                synchronized (inbox) {
                    inbox.badSignatures++;
                    if (inbox.firstBadSignature == null) {
                        inbox.firstBadSignature = id + " at " + arrived;
                    }
                }
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            JsonNode event = JSON.readTree(body);
            Arrival arrival = new Arrival(event.path("subject").asText(), event.path("position").asLong(-1),
                    Instant.parse(event.path("recordedtime").asText()), arrived);
            inbox.record(id, arrival);
            exchange.sendResponseHeaders(204, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Standard Webhooks {@code v1}: any listed {@code v1,} signature is the HMAC-SHA256 of id.timestamp.body. */
    private static boolean verifies(byte[] key, String id, String timestamp, String signatures, byte[] body) {
        if (key == null || id == null || timestamp == null || signatures == null) {
            return false;
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            expected = mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HMAC-SHA256", e);
        }
        for (String signature : signatures.split(" ")) {
            try {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // Not base64: not a signature of ours.
            }
        }
        return false;
    }

    /** One service's subscription: its key and what came. */
    private static final class Inbox {
        private final CountDownLatch keyed = new CountDownLatch(1);
        private volatile byte[] key;
        private final Map<String, Arrival> first = new HashMap<>();
        private final Map<String, Long> furthestByState = new HashMap<>();
        private long repeats;
        private long outOfOrder;
        private String firstOutOfOrder;
        private long badSignatures;
        private String firstBadSignature;

        /**
         * Called before the answer: a State's next event is sent only once this one was answered, so first arrivals
         * are recorded in the order the service sent them.
         */
        synchronized void record(String id, Arrival arrival) {
            if (first.putIfAbsent(id, arrival) != null) {
                repeats++;
                return;
            }
            Long furthest = furthestByState.get(arrival.state());
            if (furthest != null && arrival.position() < furthest) {
                outOfOrder++;
                if (firstOutOfOrder == null) {
                    firstOutOfOrder = arrival.state() + " position " + arrival.position() + " after " + furthest;
                }
            } else {
                furthestByState.put(arrival.state(), arrival.position());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
