package org.treatyregistry.localrun.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the processes of a {@link Topology} and keeps them running as compose's {@code restart: unless-stopped}
 * does: a process that exits, whatever the reason (killed, crashed), is started again after a second, until an
 * operator stops it or the supervisor closes. Each process has a clean environment (only what its spec gives) and
 * its output in {@code <logs>/<name>.log}. Faults are applied here too: kill -9, stop and start, pause and resume.
 */
public final class Supervisor implements AutoCloseable {

    private static final Duration RESTART_DELAY = Duration.ofSeconds(1);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Topology topology;
    private final Path root;
    private final Path logs;
    private final Map<String, Managed> managed = new LinkedHashMap<>();
    private volatile boolean closing;

    /** A process and what the supervisor knows of it: held (stopped by an operator) or to be kept running. */
    private static final class Managed {
        final Topology.Spec spec;
        volatile Process process;
        volatile boolean held;
        final AtomicInteger restarts = new AtomicInteger();

        Managed(Topology.Spec spec) {
            this.spec = spec;
        }
    }

    /** @param root the project's root, where each module's build wrote its classpath */
    public Supervisor(Topology topology, Path root, Path logs) {
        this.topology = topology;
        this.root = root;
        this.logs = logs;
        topology.processes().forEach(spec -> managed.put(spec.name(), new Managed(spec)));
    }

    /** Starts MongoDB and Kafka, then every service instance side by side, then the gateway, each once ready. */
    public void startAll(Duration patience) {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> waves = List.of(List.of("mongo", "kafka"),
                topology.processes().stream().filter(Topology.Spec::isServiceInstance).map(Topology.Spec::name)
                        .toList(),
                List.of("gateway"));
        for (List<String> wave : waves) {
            wave.forEach(this::launch);
            for (String name : wave) {
                awaitReady(name, patience);
            }
        }
    }

    private synchronized void launch(String name) {
        Managed process = managed.get(name);
        if (closing || process.held) {
            return;
        }
        Topology.Spec spec = process.spec;
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-Xss512k", "-cp", Topology.classpathOf(root, spec.module()), spec.mainClass()));
        command.addAll(spec.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        try {
            Process started = builder.start();
            process.process = started;
            started.onExit().thenRun(() -> exited(process, started));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    private void exited(Managed process, Process ended) {
        if (closing || process.held || process.process != ended) {
            return;
        }
        System.out.printf("%s  %s (pid %d) exited with %d; restarting it%n", Instant.now(), process.spec.name(),
                ended.pid(), ended.exitValue());
        process.restarts.incrementAndGet();
        try {
            Thread.sleep(RESTART_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        launch(process.spec.name());
    }

    /** Waits until the process answers: its readiness path 200, or its port accepting connections. */
    public void awaitReady(String name, Duration patience) {
        Topology.Spec spec = managed.get(name).spec;
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready(spec)) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + patience + "; see " + logs.resolve(
                name + ".log"));
    }

    public boolean ready(String name) {
        return ready(managed.get(name).spec);
    }

    private static boolean ready(Topology.Spec spec) {
        if (spec.readiness() == null) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(Topology.LOOPBACK, spec.port()), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + Topology.LOOPBACK
                    + ":" + spec.port() + spec.readiness())).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** kill -9, as when a container is killed: the supervisor starts it again. */
    public void kill(String name) {
        managed.get(name).process.destroyForcibly();
    }

    /** An operator's stop: SIGTERM, and it stays down until {@link #start}. */
    public void stop(String name) {
        Managed process = managed.get(name);
        process.held = true;
        terminate(process.process);
    }

    public void start(String name) {
        managed.get(name).held = false;
        launch(name);
    }

    /** SIGSTOP: the process holds its sockets and answers nothing, as a frozen container does. */
    public void pause(String name) {
        signal(name, "STOP");
    }

    public void resume(String name) {
        signal(name, "CONT");
    }

    private void signal(String name, String signal) {
        try {
            int status = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid(name))).inheritIO().start()
                    .waitFor();
            if (status != 0) {
                throw new IllegalStateException("kill -" + signal + " " + name + " answered " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long pid(String name) {
        Process process = managed.get(name).process;
        return process == null ? -1 : process.pid();
    }

    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        managed.keySet().forEach(name -> pids.put(name, pid(name)));
        return pids;
    }

    public int restarts(String name) {
        return managed.get(name).restarts.get();
    }

    public Topology topology() {
        return topology;
    }

    /** Stops everything: the gateway, then the services side by side, then Kafka and MongoDB; 20 s before kill -9. */
    @Override
    public void close() {
        closing = true;
        List<List<Managed>> waves = List.of(List.of(managed.get("gateway")),
                managed.values().stream().filter(m -> m.spec.isServiceInstance()).toList(),
                List.of(managed.get("kafka"), managed.get("mongo")));
        for (List<Managed> wave : waves) {
            wave.stream().map(m -> m.process).filter(p -> p != null && p.isAlive()).forEach(Process::destroy);
            wave.forEach(m -> terminate(m.process));
        }
    }

    private static void terminate(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
