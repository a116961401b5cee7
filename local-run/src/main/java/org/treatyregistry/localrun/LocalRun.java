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
import org.treatyregistry.localrun.processes.ProcessRun;
import org.treatyregistry.localrun.processes.Supervisor;
import org.treatyregistry.localrun.processes.Topology;

/**
 * {@code ./run}: the whole system on this machine, data kept under {@code .data/} across restarts, gateway on
 * http://localhost:8080 (or {@code --port=N}): in one JVM, or with {@code --processes} a process per service as
 * operators deploy it ({@link ProcessRun}). Ctrl-C stops everything.
 */
public final class LocalRun {

    private static final String[] ROLES = {"integration", "auditor", "operator"};

    private LocalRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        Path data = Path.of(System.getProperty("treaty.data", ".data")).toAbsolutePath();
        int port = 8080;
        boolean processes = false;
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.equals("--processes")) {
                processes = true;
            }
        }
        Properties keys = developmentKeys(data);
        StringBuilder apiKeys = new StringBuilder();
        for (String role : ROLES) {
            apiKeys.append(apiKeys.isEmpty() ? "" : ",").append("dev-").append(role).append(':').append(role)
                    .append(':').append(keys.getProperty(role));
        }
        String secret = keys.getProperty("gateway-secret");
        AutoCloseable running;
        String where;
        try {
            if (processes) {
                Supervisor supervisor = ProcessRun.start(data.resolve("processes"), port, apiKeys.toString(), secret);
                running = supervisor;
                where = "a process per service:\n" + Topology.summary(supervisor.pids(), supervisor.topology());
            } else {
                LocalSystem system = LocalSystem.start(LocalSystem.Settings.onDisk(data, port, apiKeys.toString(),
                        secret));
                running = system;
                port = system.gatewayPort();
                where = "one JVM; Kafka " + system.kafkaBootstrap() + ", MongoDB " + system.mongoUri("");
            }
        } catch (RuntimeException e) {
            // The servers' threads (or the started processes) would keep going: a failed start must end it all.
            System.err.println("Treaty Registry could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Treaty Registry...");
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("stopping: " + e.getMessage());
            }
            stopped.countDown();
        }, "treaty-registry-shutdown"));

        String gateway = "http://localhost:" + port;
        System.out.printf("""

                Treaty Registry is ready in %.1f s (data in %s), %s
                  gateway        %s
                  API docs       %s/api/docs/openapi.yaml  and  %s/api/docs/asyncapi.yaml
                Development API keys (header X-API-Key):
                  integration    %s
                  auditor        %s
                  operator       %s
                Transparency logs' verifier keys (./verify --key; the signer keys are in %s):
                %sCtrl-C stops everything.
                %n""", (System.nanoTime() - started) / 1e9, data, where, gateway, gateway, gateway,
                keys.getProperty("integration"), keys.getProperty("auditor"), keys.getProperty("operator"),
                data.resolve("log-keys"), LogKeys.verifierKeys(data));
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
