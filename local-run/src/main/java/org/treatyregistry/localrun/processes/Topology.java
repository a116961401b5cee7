package org.treatyregistry.localrun.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.treatyregistry.localrun.LogKeys;

/**
 * The system as operators deploy it, as processes on this machine: MongoDB and a Kafka broker each in its own
 * process, {@code instances} processes of each backend service and one gateway balancing over them. Each service
 * process gets the environment {@code docker-compose.yml} gives its container, and nothing else: its port and the
 * loopback address to listen on are all that differ, since here the processes share one host. Everything listens
 * on loopback only.
 */
public record Topology(List<Spec> processes, int gatewayPort, int mongoPort, int kafkaPort) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final List<String> SERVICES = List.of("registry", "reporting", "indicators");

    /**
     * One process: its main class, module (whose classpath it runs on), arguments and environment; {@code port}
     * is what it listens on, {@code readiness} the path answering 200 once it takes requests (none: the port
     * accepting connections is enough).
     */
    public record Spec(String name, String module, String mainClass, List<String> arguments,
                       Map<String, String> environment, int port, String readiness) {

        public boolean isServiceInstance() {
            return SERVICES.stream().anyMatch(service -> name.startsWith(service + "-"));
        }
    }

    /**
     * @param data     where MongoDB and Kafka keep their data, and the processes their logs
     * @param gateway  the gateway's port (0: any free one)
     * @param apiKeys  the gateway's {@code TREATY_API_KEYS}
     * @param secret   the {@code TREATY_GATEWAY_SECRET} the gateway and the services share
     */
    public static Topology of(Path data, int gateway, int instances, String apiKeys, String secret) {
        return of(data, data.resolve("mongo.mv").toString(), gateway, instances, apiKeys, secret);
    }

    /** As {@link #of(Path, int, int, String, String)}, MongoDB's data in {@code mongoData} ({@link MongoMain}). */
    public static Topology of(Path data, String mongoData, int gateway, int instances, String apiKeys, String secret) {
        int mongoPort = freePort();
        int kafkaPort = freePort();
        List<Spec> specs = new ArrayList<>();
        specs.add(new Spec("mongo", "local-run", MongoMain.class.getName(),
                List.of(String.valueOf(mongoPort), mongoData), Map.of(), mongoPort, null));
        specs.add(new Spec("kafka", "local-run", KafkaMain.class.getName(), List.of(String.valueOf(kafkaPort),
                String.valueOf(freePort()), data.resolve("kafka").toString()), Map.of(), kafkaPort, null));
        Map<String, List<String>> instanceUris = new LinkedHashMap<>();
        for (String service : SERVICES) {
            for (int i = 1; i <= instances; i++) {
                int port = freePort();
                // As compose's x-backend-environment and the service's own MONGODB_URI.
                Map<String, String> environment = new LinkedHashMap<>();
                environment.put("KAFKA_BOOTSTRAP_SERVERS", LOOPBACK + ":" + kafkaPort);
                environment.put("TREATY_GATEWAY_SECRET", secret);
                environment.put("JAVA_TOOL_OPTIONS", "-Xmx256m");
                environment.put("MONGODB_URI", "mongodb://" + LOOPBACK + ":" + mongoPort + "/" + service);
                environment.put("SERVER_PORT", String.valueOf(port));
                environment.put("SERVER_ADDRESS", LOOPBACK);
                environment.put("TREATY_LOG_KEY_FILE", LogKeys.keyFile(data, service).toString());
                // A development machine: webhook receivers on loopback are allowed.
                environment.put("TREATY_SUBSCRIPTIONS_ALLOW_LOOPBACK", "true");
                specs.add(new Spec(service + "-" + i, service + "-service", mainClassOf(service), List.of(),
                        environment, port, "/actuator/health/readiness"));
                instanceUris.computeIfAbsent(service, s -> new ArrayList<>()).add("http://" + LOOPBACK + ":" + port);
            }
        }
        int gatewayPort = gateway == 0 ? freePort() : gateway;
        Map<String, String> environment = new LinkedHashMap<>();
        instanceUris.forEach((service, uris) -> environment.put(service.toUpperCase() + "_URIS",
                String.join(",", uris)));
        environment.put("TREATY_API_KEYS", apiKeys);
        environment.put("TREATY_GATEWAY_SECRET", secret);
        environment.put("JAVA_TOOL_OPTIONS", "-Xmx192m");
        environment.put("SERVER_PORT", String.valueOf(gatewayPort));
        environment.put("SERVER_ADDRESS", LOOPBACK);
        specs.add(new Spec("gateway", "gateway", "org.treatyregistry.gateway.GatewayApplication", List.of(),
                environment, gatewayPort, "/actuator/health/readiness"));
        return new Topology(List.copyOf(specs), gatewayPort, mongoPort, kafkaPort);
    }

    private static String mainClassOf(String service) {
        String name = Character.toUpperCase(service.charAt(0)) + service.substring(1);
        return "org.treatyregistry." + service + "." + name + "Application";
    }

    public Spec process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process " + name + " in " + names()));
    }

    public List<String> names() {
        return processes.stream().map(Spec::name).toList();
    }

    public List<Spec> instancesOf(String service) {
        return processes.stream().filter(p -> p.name().startsWith(service + "-")).toList();
    }

    public String mongoUri(String database) {
        return "mongodb://" + LOOPBACK + ":" + mongoPort + "/" + database;
    }

    public String kafkaBootstrap() {
        return LOOPBACK + ":" + kafkaPort;
    }

    /**
     * The classpath of a module as its build wrote it ({@code target/classes} and
     * {@code target/runtime-classpath.txt}): each service runs on its own dependencies, as in its image.
     */
    static String classpathOf(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        try {
            return target.resolve("classes") + java.io.File.pathSeparator
                    + Files.readString(target.resolve("runtime-classpath.txt")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("no classpath for " + module + " (build it first: ./mvnw -DskipTests "
                    + "-pl local-run -am install)", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What an operator reads: every process, its port and pid. */
    public static String summary(Map<String, Long> pids, Topology topology) {
        return topology.processes().stream().map(p -> String.format("  %-13s %s:%-6d pid %d", p.name(), LOOPBACK,
                p.port(), pids.getOrDefault(p.name(), -1L))).collect(Collectors.joining("\n"));
    }
}
