package org.treatyregistry.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a test broker that a test can cut: while cut, every connection through it is closed and
 * new ones are refused, as when Kafka is down or unreachable; restored, connections pass again. The broker
 * advertises the proxy's address, so clients reach it only through the proxy.
 */
public final class KafkaProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int target;
    private volatile boolean cut;

    public KafkaProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "kafka-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public void forwardTo(int brokerPort) {
        target = brokerPort;
    }

    /** Closes every connection, and refuses new ones until restored; one accepted meanwhile is closed too. */
    public synchronized void cut() {
        cut = true;
        open.forEach(KafkaProxy::closeQuietly);
        open.clear();
    }

    public synchronized void restore() {
        cut = false;
    }

    /** Registers a connection unless a cut came while it was being made: then it is closed, as all others were. */
    private synchronized boolean admit(Socket client, Socket broker) {
        if (cut) {
            closeQuietly(client);
            closeQuietly(broker);
            return false;
        }
        open.add(client);
        open.add(broker);
        return true;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(server);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut || target == 0) {
                    client.close();
                    continue;
                }
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), target);
                if (admit(client, broker)) {
                    pump(client, broker);
                    pump(broker, client);
                }
            } catch (IOException e) {
                // the server socket was closed, or one connection failed: go on with the next
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the connection was cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "kafka-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
