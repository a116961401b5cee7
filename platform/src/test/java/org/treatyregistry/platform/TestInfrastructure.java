package org.treatyregistry.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One in-process Kafka broker (KRaft) and one MongoDB wire-protocol server per test JVM, on random ports,
 * shared by the tests of every module (through platform's test jar). Each test isolates itself with its own
 * service name: its own database and topic.
 */
public final class TestInfrastructure {

    public static final String GATEWAY_SECRET = "test-gateway-secret-at-least-32-bytes-long";

    private static MongoServer mongo;
    private static String mongoUri;
    private static EmbeddedKafkaKraftBroker kafka;

    private TestInfrastructure() {
    }

    public static synchronized String mongoBaseUri() {
        if (mongo == null) {
            mongo = new MongoServer(new MemoryBackend());
            mongoUri = mongo.bindAndGetConnectionString().replaceAll("/$", "");
            Runtime.getRuntime().addShutdownHook(new Thread(mongo::shutdownNow));
        }
        return mongoUri;
    }

    public static synchronized String kafkaBootstrap() {
        if (kafka == null) {
            kafka = broker();
            kafka.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy));
        }
        return kafka.getBrokersAsString();
    }

    /**
     * A broker of one node, not started, with three partitions per topic it creates: the transactions' log on that
     * one node, for the publishers' transactions.
     */
    public static EmbeddedKafkaKraftBroker broker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        return broker;
    }

    /** The settings a service needs, for a service named {@code service} (its database and topic). */
    public static Map<String, Object> serviceProperties(String service) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("treaty.service.name", service);
        properties.put("spring.mongodb.uri", mongoBaseUri() + "/" + service);
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrap());
        properties.put("treaty.security.gateway-secret", GATEWAY_SECRET);
        properties.put("treaty.kafka.partitions", 3);
        properties.put("treaty.registry.reference-data.load", false);
        properties.put("treaty.reporting.reference-data.load", false);
        properties.put("axon.axonserver.enabled", false);
        properties.put("axon.serializer.general", "jackson");
        properties.put("axon.serializer.events", "jackson");
        properties.put("axon.serializer.messages", "jackson");
        properties.put("spring.autoconfigure.exclude",
                "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration");
        return properties;
    }

    public static String[] asArguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** A plain producer to the test broker, for records a service would not send (duplicates, garbage). */
    public static Producer<String, byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    /**
     * Reads a topic from the beginning until {@code expected} records arrived or {@code timeout} passed, then
     * one more second, so that records beyond the expected ones (duplicates) show up too.
     */
    public static List<ConsumerRecord<String, byte[]>> readTopic(String topic, int expected, Duration timeout) {
        return readTopic(kafkaBootstrap(), topic, expected, timeout);
    }

    /** {@link #readTopic(String, int, Duration)} from the broker at {@code bootstrap}. */
    public static List<ConsumerRecord<String, byte[]>> readTopic(String bootstrap, String topic, int expected,
                                                                 Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long grace = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < grace) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The CloudEvents id of each record, in order. */
    public static List<String> eventIds(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> {
            try {
                return new ObjectMapper().readTree(record.value()).get("id").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
