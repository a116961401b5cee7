package org.treatyregistry.localrun;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.treatyregistry.gateway.GatewayApplication;
import org.treatyregistry.indicators.IndicatorsApplication;
import org.treatyregistry.platform.kafka.KafkaEventPublisher;
import org.treatyregistry.registry.RegistryApplication;
import org.treatyregistry.reporting.ReportingApplication;

/**
 * The whole system in one JVM: a real Kafka broker (KRaft, in-process), a MongoDB wire-protocol server
 * (mongo-java-server), the three services and the gateway. The local run and the end-to-end tests both start
 * it; the Testcontainers suite starts it on real MongoDB and Kafka instead of the in-process pair.
 */
public final class LocalSystem implements AutoCloseable {

    public static final List<String> SERVICES = List.of("registry", "reporting", "indicators");

    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
    private final String mongoBaseUri;
    private final String kafkaBootstrap;

    private LocalSystem(Settings settings) {
        // Four applications in one JVM: logging is the JVM's, configured once by logback.xml. Left to Spring Boot,
        // the services starting side by side would each reconfigure it, concurrently.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        if (settings.externalMongoUri() != null) {
            mongoBaseUri = settings.externalMongoUri();
            kafkaBootstrap = settings.externalKafka();
            return;
        }
        MongoBackend backend = settings.dataDirectory() == null
                ? new MemoryBackend()
                : CrashSafeH2Backend.open(settings.dataDirectory().resolve("mongo.mv").toString());
        MongoServer mongo = new MongoServer(backend);
        mongoBaseUri = mongo.bindAndGetConnectionString().replaceAll("/$", "");
        running.add(mongo::shutdownNow);

        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        // The publishers' transactions keep their log on the one node there is.
        kafka.brokerProperty("transaction.state.log.replication.factor", "1");
        kafka.brokerProperty("transaction.state.log.min.isr", "1");
        kafka.afterPropertiesSet();
        kafkaBootstrap = kafka.getBrokersAsString();
        running.add(kafka::destroy);
        if (settings.dataDirectory() != null) {
            republishStores();
        }
    }

    /** Starts everything and returns once every service and the gateway are up. */
    public static LocalSystem start(Settings settings) {
        LocalSystem system = new LocalSystem(settings);
        try {
            system.startApplications(settings);
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private void startApplications(Settings settings) {
        Map<String, Supplier<SpringApplication>> applications = Map.of(
                "registry", RegistryApplication::application,
                "reporting", ReportingApplication::application,
                "indicators", IndicatorsApplication::application);
        // The services start side by side; each needs only Kafka and MongoDB, not each other.
        Map<String, CompletableFuture<ConfigurableApplicationContext>> starting = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Map<String, Object> properties = new HashMap<>(serviceProperties(service, settings));
            starting.put(service,
                    CompletableFuture.supplyAsync(() -> run(applications.get(service).get(), properties)));
        }
        starting.forEach((service, context) -> contexts.put(service, context.join()));
        // Further instances join a service already started (its store and topics exist), as a scaled-up one does.
        for (int instance = 2; instance <= settings.instances(); instance++) {
            starting.clear();
            for (String service : SERVICES) {
                Map<String, Object> properties = new HashMap<>(serviceProperties(service, settings));
                starting.put(service + "-" + instance,
                        CompletableFuture.supplyAsync(() -> run(applications.get(service).get(), properties)));
            }
            starting.forEach((name, context) -> contexts.put(name, context.join()));
        }

        Map<String, Object> gateway = new HashMap<>();
        gateway.put("SERVER_PORT", settings.gatewayPort());
        gateway.put("TREATY_API_KEYS", settings.apiKeys());
        gateway.put("TREATY_GATEWAY_SECRET", settings.gatewaySecret());
        // Every instance of each service, comma-separated, as compose lists its containers (docker-compose.yml).
        for (String service : SERVICES) {
            gateway.put(service.toUpperCase() + "_URIS", instances(service).stream()
                    .map(instance -> "http://localhost:" + port(instance))
                    .collect(Collectors.joining(",")));
        }
        // Four applications share this JVM's cores: a readiness check (each builds a Kafka admin client) can take
        // longer than compose's 2 s, which is also the check's timeout, and would take the one instance away.
        gateway.put("spring.cloud.loadbalancer.health-check.interval", "5s");
        gateway.put("spring.autoconfigure.exclude", autoConfigurationsTheGatewayMustNotRun());
        contexts.put("gateway", run(GatewayApplication.application(), gateway));
    }

    private Map<String, Object> serviceProperties(String service, Settings settings) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "SERVER_PORT", 0,
                "MONGODB_URI", mongoBaseUri + "/" + service,
                "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap,
                "TREATY_GATEWAY_SECRET", settings.gatewaySecret(),
                // One broker here: fewer partitions start faster and change nothing about ordering per State.
                "treaty.kafka.partitions", 3,
                // The gateway's reactive stack shares this classpath; it has no business in a servlet service.
                "spring.cloud.gateway.server.webflux.enabled", false,
                // Nor has the gateway's load balancer: a service calls no other.
                "spring.cloud.loadbalancer.enabled", false,
                "spring.autoconfigure.exclude", AUTO_CONFIGURATIONS_A_SERVICE_MUST_NOT_RUN,
                // A development machine: webhook receivers on loopback are allowed.
                "treaty.subscriptions.allow-loopback", true));
        if (settings.dataDirectory() != null) {
            // Kept with the data, so checkpoints signed before a restart verify after it.
            properties.put("treaty.log.key-file", LogKeys.keyFile(settings.dataDirectory(), service).toString());
        }
        return properties;
    }

    /**
     * Replaces the services' own {@code spring.autoconfigure.exclude} (Axon's update checker), so it is repeated.
     * Reactor Netty, on this classpath for the gateway, would give each servlet service a ReactorResourceFactory
     * over the JVM's global event loops; stopping one instance would dispose them, and the gateway's server with
     * them (found by stopping an instance while the gateway runs).
     */
    private static final String AUTO_CONFIGURATIONS_A_SERVICE_MUST_NOT_RUN = String.join(",",
            "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration",
            "org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration");

    private static ConfigurableApplicationContext run(SpringApplication application, Map<String, Object> properties) {
        application.setRegisterShutdownHook(false);
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return application.run(args);
    }

    /**
     * On the shared classpath the gateway would also pick up the services' auto-configurations (Axon,
     * MongoDB, Kafka); deployed alone it has none of them.
     */
    private static String autoConfigurationsTheGatewayMustNotRun() {
        return ImportCandidates.load(AutoConfiguration.class, LocalSystem.class.getClassLoader()).getCandidates()
                .stream()
                .filter(name -> name.startsWith("org.axonframework.")
                        || name.contains(".mongodb.") || name.contains(".mongo.")
                        || name.contains(".kafka.") || name.contains(".data.mongodb."))
                .collect(Collectors.joining(","));
    }

    /**
     * The in-process broker keeps no log across restarts, but the event stores do: forgetting the publishers'
     * positions makes each service publish its whole store to the new broker. Consumers drop what they
     * already handled, by event id.
     */
    private void republishStores() {
        try (MongoClient client = MongoClients.create(mongoBaseUri)) {
            for (String service : SERVICES) {
                client.getDatabase(service).getCollection("trackingtokens")
                        .deleteMany(Filters.eq("processorName", KafkaEventPublisher.PROCESSING_GROUP));
            }
        }
    }

    public int port(String application) {
        return Integer.parseInt(contexts.get(application).getEnvironment().getProperty("local.server.port"));
    }

    /** The running instances of a service: its name for the first, then {@code <service>-2}, ... */
    public List<String> instances(String service) {
        return contexts.entrySet().stream()
                .filter(e -> e.getKey().equals(service) || e.getKey().matches(service + "-\\d+"))
                .filter(e -> e.getValue().isActive())
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * Stops an instance as abruptly as one JVM allows: its web server first, dropping the connections open on it
     * (requests in flight get no answer), then the rest of it. Not a kill -9: its Kafka clients and processors
     * still close, so the other instance takes over their partitions and segments sooner than after a crash.
     */
    public void stopAbruptly(String instance) {
        ConfigurableApplicationContext context = contexts.get(instance);
        if (context instanceof WebServerApplicationContext web) {
            web.getWebServer().stop();
        }
        context.close();
    }

    public int gatewayPort() {
        return port("gateway");
    }

    public String mongoUri(String service) {
        return mongoBaseUri + "/" + service;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public ConfigurableApplicationContext context(String application) {
        return contexts.get(application);
    }

    @Override
    public void close() {
        List<ConfigurableApplicationContext> started = new ArrayList<>(contexts.values());
        Collections.reverse(started);
        started.forEach(ConfigurableApplicationContext::close);
        contexts.clear();
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + running.get(i) + ": " + e.getMessage());
            }
        }
        running.clear();
    }

    /**
     * @param dataDirectory    where the in-process MongoDB keeps its data (null: in memory)
     * @param externalMongoUri a MongoDB to use instead of the in-process one (e.g. mongodb://host:27017)
     * @param externalKafka    the Kafka bootstrap servers to use with {@code externalMongoUri}
     * @param gatewayPort      0 for a random port
     * @param instances        instances of each service, each on a random port, all behind the gateway
     */
    public record Settings(Path dataDirectory, String externalMongoUri, String externalKafka, int gatewayPort,
                           String apiKeys, String gatewaySecret, int instances) {

        public Settings {
            if (instances < 1) {
                throw new IllegalArgumentException("instances of each service: 1 or more, not " + instances);
            }
        }

        public Settings(Path dataDirectory, String externalMongoUri, String externalKafka, int gatewayPort,
                        String apiKeys, String gatewaySecret) {
            this(dataDirectory, externalMongoUri, externalKafka, gatewayPort, apiKeys, gatewaySecret, 1);
        }

        public static Settings inMemory(String apiKeys, String gatewaySecret) {
            return new Settings(null, null, null, 0, apiKeys, gatewaySecret);
        }

        /** The same, with this many instances of each service behind the gateway (one unless told). */
        public Settings withInstances(int count) {
            return new Settings(dataDirectory, externalMongoUri, externalKafka, gatewayPort, apiKeys, gatewaySecret,
                    count);
        }

        public static Settings onDisk(Path dataDirectory, int gatewayPort, String apiKeys, String gatewaySecret) {
            try {
                Files.createDirectories(dataDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Settings(dataDirectory, null, null, gatewayPort, apiKeys, gatewaySecret);
        }

        public static Settings external(String mongoUri, String kafka, String apiKeys, String gatewaySecret) {
            return new Settings(null, mongoUri, kafka, 0, apiKeys, gatewaySecret);
        }
    }
}
