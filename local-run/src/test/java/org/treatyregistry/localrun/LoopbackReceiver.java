package org.treatyregistry.localrun;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on loopback for the tests: on each of its paths it answers the CloudEvents validation request
 * and keeps every delivery, answering 204.
 */
final class LoopbackReceiver implements AutoCloseable {

    /** A delivery as received: its Standard Webhooks headers and its body. */
    record Delivery(Map<String, String> headers, byte[] body) {
    }

    private final HttpServer server;
    private final Map<String, List<Delivery>> received = new ConcurrentHashMap<>();

    LoopbackReceiver(String... paths) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String path : paths) {
            List<Delivery> into = new CopyOnWriteArrayList<>();
            received.put(path, into);
            server.createContext(path, exchange -> {
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
                    into.add(new Delivery(headers, exchange.getRequestBody().readAllBytes()));
                    exchange.sendResponseHeaders(204, -1);
                }
            });
        }
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** What arrived at the path, in order of arrival. */
    List<Delivery> deliveries(String path) {
        return received.get(path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
