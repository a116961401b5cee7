package org.treatyregistry.localrun;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
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
            starting.put(service, CompletableFuture.supplyAsync(() -> run(applications.get(service).get(), properties)));
        }
        starting.forEach((service, context) -> contexts.put(service, context.join()));

        Map<String, Object> gateway = new HashMap<>();
        gateway.put("SERVER_PORT", settings.gatewayPort());
        gateway.put("TREATY_API_KEYS", settings.apiKeys());
        gateway.put("TREATY_GATEWAY_SECRET", settings.gatewaySecret());
        // One instance of each service here; compose lists two (docker-compose.yml), comma-separated.
        for (String service : SERVICES) {
            gateway.put(service.toUpperCase() + "_URIS", "http://localhost:" + port(service));
        }
        gateway.put("spring.autoconfigure.exclude", autoConfigurationsTheGatewayMustNotRun());
        contexts.put("gateway", run(GatewayApplication.application(), gateway));
    }

    private Map<String, Object> serviceProperties(String service, Settings settings) {
        return Map.of(
                "SERVER_PORT", 0,
                "MONGODB_URI", mongoBaseUri + "/" + service,
                "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap,
                "TREATY_GATEWAY_SECRET", settings.gatewaySecret(),
                // One broker here: fewer partitions start faster and change nothing about ordering per State.
                "treaty.kafka.partitions", 3,
                // The gateway's reactive stack shares this classpath; it has no business in a servlet service.
                "spring.cloud.gateway.server.webflux.enabled", false,
                // Nor has the gateway's load balancer: a service calls no other.
                "spring.cloud.loadbalancer.enabled", false);
    }

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
     */
    public record Settings(Path dataDirectory, String externalMongoUri, String externalKafka, int gatewayPort,
                           String apiKeys, String gatewaySecret) {

        public static Settings inMemory(String apiKeys, String gatewaySecret) {
            return new Settings(null, null, null, 0, apiKeys, gatewaySecret);
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
