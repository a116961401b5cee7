package org.treatyregistry.localrun;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run}: the whole system on this machine, data kept under {@code .data/} across restarts, gateway on
 * http://localhost:8080 (or {@code --port=N}). Ctrl-C stops everything.
 */
public final class LocalRun {

    private static final String[] ROLES = {"integration", "auditor", "operator"};

    private LocalRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        Path data = Path.of(System.getProperty("treaty.data", ".data")).toAbsolutePath();
        int port = 8080;
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            }
        }
        Properties keys = developmentKeys(data);
        StringBuilder apiKeys = new StringBuilder();
        for (String role : ROLES) {
            apiKeys.append(apiKeys.isEmpty() ? "" : ",").append("dev-").append(role).append(':').append(role)
                    .append(':').append(keys.getProperty(role));
        }
        LocalSystem system;
        try {
            system = LocalSystem.start(LocalSystem.Settings.onDisk(data, port, apiKeys.toString(),
                    keys.getProperty("gateway-secret")));
        } catch (RuntimeException e) {
            // The in-process servers' threads would keep the JVM alive: a failed start must end the process.
            System.err.println("Treaty Registry could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Treaty Registry...");
            system.close();
            stopped.countDown();
        }, "treaty-registry-shutdown"));

        String gateway = "http://localhost:" + system.gatewayPort();
        System.out.printf("""

                Treaty Registry is ready in %.1f s (data in %s)
                  gateway        %s
                  API docs       %s/api/docs/openapi.yaml  and  %s/api/docs/asyncapi.yaml
                  Kafka          %s   MongoDB  %s
                Development API keys (header X-API-Key):
                  integration    %s
                  auditor        %s
                  operator       %s
                Ctrl-C stops everything.
                %n""", (System.nanoTime() - started) / 1e9, data, gateway, gateway, gateway,
                system.kafkaBootstrap(), system.mongoUri(""), keys.getProperty("integration"),
                keys.getProperty("auditor"), keys.getProperty("operator"));
        stopped.await();
    }

    /** Random keys made on the first run and kept with the data, so they stay the same across restarts. */
    private static Properties developmentKeys(Path data) {
        Path file = data.resolve("dev-keys.properties");
        Properties keys = new Properties();
        try {
            Files.createDirectories(data);
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    keys.load(in);
                }
                return keys;
            }
            SecureRandom random = new SecureRandom();
            for (String role : ROLES) {
                keys.setProperty(role, role + "-" + token(random, 12));
            }
            keys.setProperty("gateway-secret", token(random, 32));
            try (OutputStream out = Files.newOutputStream(file)) {
                keys.store(out, "Treaty Registry local run: development keys only");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
