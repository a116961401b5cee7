package org.treatyregistry.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service on a raw socket that keeps connections alive as Tomcat does, with two ways to close one before
 * answering:
 * <ul>
 * <li>A request that arrives on a connection idle for longer than the keep-alive timeout is met with a close and
 * no answer: the service's timer fired just as the request was on its way. On a real server that crossing is a
 * window of a few milliseconds, wider on a loaded machine; here it is certain, so a client that reuses such a
 * connection always meets it.</li>
 * <li>A request with {@value #CLOSE_HEADER}{@code : <tag>:<n>} is met with a close and no answer the first n times
 * a request with that tag arrives (on any connection).</li>
 * </ul>
 * Readiness checks are answered 200 and their connection closed; they are not counted.
 */
final class KeepAliveService implements AutoCloseable {

    static final String CLOSE_HEADER = "X-Stub-Close";

    /** A request as it arrived: on which connection (numbered from 1) and whether it was answered. */
    record Arrival(String method, String path, String tag, int connection, boolean answered) {
    }

    private final Duration keepAliveTimeout;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> closesByTag = new ConcurrentHashMap<>();
    private final AtomicInteger closedIdle = new AtomicInteger();

    KeepAliveService(Duration keepAliveTimeout) {
        this.keepAliveTimeout = keepAliveTimeout;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "keep-alive-service-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    List<Arrival> arrivals(String tag) {
        return arrivals.stream().filter(arrival -> tag.equals(arrival.tag())).toList();
    }

    /** Requests met with a close because their connection had been idle past the keep-alive timeout. */
    int closedIdle() {
        return closedIdle.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int id = connectionCount.incrementAndGet();
                connections.execute(() -> serve(socket, id));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            long idleSince = System.nanoTime();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return; // the client closed it
                }
                boolean idleTooLong = System.nanoTime() - idleSince > keepAliveTimeout.toNanos();
                String[] lines = head.split("\r\n");
                String[] requestLine = lines[0].split(" ");
                Map<String, String> headers = new ConcurrentHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
                readBody(in, headers);
                String method = requestLine[0], path = requestLine[1];
                if (path.startsWith("/actuator/health/readiness")) {
                    respond(out, method, "{\"status\":\"UP\"}", true);
                    return;
                }
                String closeRule = headers.get(CLOSE_HEADER.toLowerCase(Locale.ROOT));
                String tag = closeRule == null ? null : closeRule.substring(0, closeRule.indexOf(':'));
                if (idleTooLong) {
                    closedIdle.incrementAndGet();
                    arrivals.add(new Arrival(method, path, tag, connection, false));
                    return;
                }
                if (tag != null) {
                    int closes = Integer.parseInt(closeRule.substring(closeRule.indexOf(':') + 1));
                    if (closesByTag.computeIfAbsent(tag, t -> new AtomicInteger()).incrementAndGet() <= closes) {
                        arrivals.add(new Arrival(method, path, tag, connection, false));
                        return;
                    }
                }
                arrivals.add(new Arrival(method, path, tag, connection, true));
                respond(out, method, "{\"connection\":" + connection + "}", false);
                idleSince = System.nanoTime();
            }
        } catch (IOException e) {
            // the connection broke; nothing to answer
        }
    }

    /** The request line and headers, or null when the connection closed before a request began. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    private static void readBody(InputStream in, Map<String, String> headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                String size = readLine(in);
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                in.readNBytes(length + 2); // the chunk and its CRLF
                if (length == 0) {
                    return;
                }
            }
        }
        String length = headers.get("content-length");
        if (length != null) {
            in.readNBytes(Integer.parseInt(length));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void respond(OutputStream out, String method, String json, boolean close) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!method.equals("HEAD")) {
            out.write(body);
        }
        out.flush();
    }
}
