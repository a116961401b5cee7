package org.treatyregistry.platform.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback, as a subscriber would write one: it answers the CloudEvents validation handshake,
 * verifies every delivery's Standard Webhooks signatures itself (HMAC-SHA256 under the secret it was given, Ed25519
 * under the published key; none of the sender's code), and keeps what it received, in order. What it answers a
 * delivery is up to the test.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One delivery as received, with what its signatures proved. */
    record Received(String webhookId, String subject, long position, boolean v1Valid, boolean v1aValid, int answered) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile List<String> secrets = List.of();
    private volatile PublicKey publicKey;
    private volatile Function<JsonNode, Integer> answer = event -> 204;
    private volatile boolean allowOrigin = true;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    void trust(List<String> secrets, PublicKey publicKey) {
        this.secrets = secrets;
        this.publicKey = publicKey;
    }

    void answer(Function<JsonNode, Integer> answer) {
        this.answer = answer;
    }

    void allowOrigin(boolean allow) {
        this.allowOrigin = allow;
    }

    List<Received> received() {
        return Collections.unmodifiableList(new ArrayList<>(received));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                String origin = exchange.getRequestHeaders().getFirst("WebHook-Request-Origin");
                if (allowOrigin && origin != null) {
                    exchange.getResponseHeaders().add("WebHook-Allowed-Origin", origin);
                }
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            byte[] signed = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
            byte[] content = new byte[signed.length + body.length];
            System.arraycopy(signed, 0, content, 0, signed.length);
            System.arraycopy(body, 0, content, signed.length, body.length);
            boolean v1 = false;
            boolean v1a = false;
            for (String signature : signatures.split(" ")) {
                String[] parts = signature.split(",", 2);
                byte[] value = Base64.getDecoder().decode(parts[1]);
                if (parts[0].equals("v1")) {
                    v1 |= secrets.stream().anyMatch(secret -> MessageDigest.isEqual(hmac(secret, content), value));
                } else if (parts[0].equals("v1a")) {
                    v1a |= ed25519(content, value);
                }
            }
            JsonNode event = JSON.readTree(body);
            int status = answer.apply(event);
            received.add(new Received(id, event.path("subject").asText(), event.path("position").asLong(), v1, v1a,
                    status));
            if (status == 429 || status == 503) {
                exchange.getResponseHeaders().add("Retry-After", "120");
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    static byte[] hmac(String secret, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                    "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean ed25519(byte[] content, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(content);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
