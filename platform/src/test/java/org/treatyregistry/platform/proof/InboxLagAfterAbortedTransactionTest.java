package org.treatyregistry.platform.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.kafka.EventTopicsAutoConfiguration;
import org.treatyregistry.platform.kafka.InboxHealthSource;

/**
 * A group that has read everything shows no lag, even where a partition ends in a transaction that was aborted (as
 * a publisher fenced after a broker outage leaves one): its records and marker are read, never handed over, and
 * the inbox must still commit past them. Without that the operator's view says the inbox is behind for good.
 */
@SpringBootTest(classes = ProofApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class InboxLagAfterAbortedTransactionTest {

    private static final String SERVICE = "proof-aborted";
    private static final String TOPIC = EventTopicsAutoConfiguration.topicOf(SERVICE);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties(SERVICE).forEach((k, v) -> registry.add(k, () -> v));
        registry.add("treaty.kafka.consume", () -> SERVICE);
    }

    @Autowired
    ProofApplication application;
    @Autowired
    EventStore eventStore;
    @Autowired
    InboxHealthSource inboxSection;

    @Test
    void aGroupThatReadEverythingHasNoLagWhenAPartitionEndsInAnAbortedTransaction() {
        DomainEventMessage<?> event = ProofEvents.event("UKR", 0);
        eventStore.publish(event);
        await().atMost(Duration.ofSeconds(30)).until(() -> application.received().getOrDefault("UKR", List.of())
                .size() == 1);

        try (Producer<String, byte[]> fenced = transactionalProducer()) {
            fenced.initTransactions();
            fenced.beginTransaction();
            fenced.send(new ProducerRecord<>(TOPIC, "UKR", "{\"never\": \"handed over\"}".getBytes()));
            fenced.flush();
            fenced.abortTransaction();
        }

        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(inboxLag())
                .as("the inbox's lag per partition, once it has read everything").isNotEmpty()
                .allSatisfy((partition, lag) -> assertThat(lag).isEqualTo(0L)));
        assertThat(application.received().get("UKR")).containsExactly(0L);
    }

    private static Producer<String, byte[]> transactionalProducer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "proof-aborted-" + System.nanoTime());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> inboxLag() {
        Object lag = inboxSection.read().details().get("lag");
        return lag instanceof Map<?, ?> partitions ? (Map<String, Long>) partitions : Map.of();
    }
}
