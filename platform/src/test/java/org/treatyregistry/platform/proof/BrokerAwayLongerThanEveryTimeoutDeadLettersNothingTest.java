package org.treatyregistry.platform.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.treatyregistry.platform.TestInfrastructure.eventIds;

import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.network.ListenerName;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.platform.KafkaProxy;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.failures.ProcessorFailures;
import org.treatyregistry.platform.kafka.EventTopicsAutoConfiguration;
import org.treatyregistry.platform.kafka.KafkaEventPublisher;

/**
 * Proof that a broker away for longer than every timeout on the publishing path dead-letters nothing. Axon
 * interrupts a handler that runs past its handler timeout, and a batch that runs past its unit-of-work timeout;
 * the publisher's own waits (for metadata, for acknowledgements) are configured longer than Axon's handler timeout
 * here, as 30 s against 30 s are in production. Kafka is cut off for several times the longest of them while
 * events are stored: the publisher's batches must fail as transient, again and again (tokens held, nothing
 * dead-lettered), and every event arrive once after Kafka is back. A publisher whose send blocks until Axon
 * interrupts it, or whose interrupted send is taken for poison, dead-letters the States' events here.
 */
@SpringBootTest(classes = ProofApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class BrokerAwayLongerThanEveryTimeoutDeadLettersNothingTest {

    private static final String SERVICE = "proof-broker-away";
    private static final String TOPIC = EventTopicsAutoConfiguration.topicOf(SERVICE);
    private static final Duration HANDLER_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration LONGEST = BATCH_TIMEOUT;

    private static KafkaProxy proxy;
    private static EmbeddedKafkaKraftBroker kafka;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        proxy = new KafkaProxy();
        kafka = TestInfrastructure.broker();
        kafka.brokerProperty("advertised.listeners", "EXTERNAL://localhost:" + proxy.port());
        kafka.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            kafka.destroy();
        }));
        proxy.forwardTo(kafka.getCluster().brokers().values().iterator().next()
                .boundPort(ListenerName.normalised("EXTERNAL")));
        TestInfrastructure.serviceProperties(SERVICE).forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.kafka.bootstrap-servers", () -> bootstrap());
        registry.add("treaty.kafka.consume", () -> SERVICE);
        registry.add("treaty.kafka.publisher.ack-timeout", ACK_TIMEOUT::toString);
        registry.add("axon.timeout.handler.events.timeout-ms", () -> HANDLER_TIMEOUT.toMillis());
        registry.add("axon.timeout.handler.events.warning-threshold-ms", () -> -1);
        registry.add("axon.timeout.transaction.event-processors.timeout-ms", () -> BATCH_TIMEOUT.toMillis());
        registry.add("axon.timeout.transaction.event-processors.warning-threshold-ms", () -> -1);
    }

    private static String bootstrap() {
        return "localhost:" + proxy.port();
    }

    private final Set<String> errors = ConcurrentHashMap.newKeySet();

    @Autowired
    ProofApplication application;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoDatabase serviceDatabase;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProcessorFailures failures;
    @Autowired
    @Qualifier("serializer")
    Serializer serializer;

    @Test
    void aBrokerAwayLongerThanEveryTimeoutDeadLettersNothingAndEveryEventArrivesOnce() {
        DomainEventMessage<?> first = ProofEvents.event("UKR", 0);
        eventStore.publish(first);
        assertThat(eventIds(TestInfrastructure.readTopic(bootstrap(), TOPIC, 1, Duration.ofSeconds(30))))
                .containsExactly(first.getIdentifier());
        await().atMost(Duration.ofSeconds(10)).until(() -> publisherPosition("UKR").isPresent());
        OptionalLong ukraine = publisherPosition("UKR");

        proxy.cut();
        long cutAt = System.nanoTime();
        List<String> during = new ArrayList<>();
        for (long s = 1; s <= 5; s++) {
            for (DomainEventMessage<?> event : List.of(ProofEvents.event("UKR", s), ProofEvents.event("POL", s - 1))) {
                eventStore.publish(event);
                during.add(event.getIdentifier());
            }
        }
        // Away for longer than every timeout, with the publisher's batches failing meanwhile (or, broken, its events
        // dead-lettered).
        await().atMost(Duration.ofSeconds(50)).until(() -> deadLetters() > 0
                || Duration.ofNanos(System.nanoTime() - cutAt).compareTo(LONGEST.multipliedBy(2)) > 0
                && failedBatches() >= 3);
        assertThat(deadLetters()).as("events the publisher dead-lettered while Kafka was away").isZero();
        assertThat(errors).as("each failed batch ended by Kafka's own timeout, before Axon interrupted it")
                .isNotEmpty().allSatisfy(error -> assertThat(error).startsWith("TransientFailure: ")
                        .doesNotContain("interrupted"));
        assertThat(publisherPosition("UKR")).as("the token of the publisher's segment of UKR while Kafka is away")
                .isEqualTo(ukraine);

        proxy.restore();
        List<String> expected = new ArrayList<>(List.of(first.getIdentifier()));
        expected.addAll(during);
        List<String> onTopic = eventIds(TestInfrastructure.readTopic(bootstrap(), TOPIC, expected.size(),
                Duration.ofSeconds(60)));
        assertThat(onTopic).as("every event, each exactly once").containsExactlyInAnyOrderElementsOf(expected);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                application.received().getOrDefault("POL", List.of()).size() >= 5
                        && application.received().getOrDefault("UKR", List.of()).size() >= 6);
        assertThat(application.received().get("UKR")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(application.received().get("POL")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(deadLetters()).isZero();
    }

    /** How many of the publisher's batches failed in a row; notes each failure's reason seen on the way. */
    private long failedBatches() {
        long batches = 0;
        for (ProcessorFailures.Failing failing : failures.failing(KafkaEventPublisher.PROCESSING_GROUP)) {
            errors.add(failing.lastError());
            batches = Math.max(batches, failing.batches());
        }
        return batches;
    }

    private long deadLetters() {
        return processing.deadLetterQueue(KafkaEventPublisher.PROCESSING_GROUP).orElseThrow().size();
    }

    private OptionalLong publisherPosition(String state) {
        return Tokens.position(serviceDatabase, serializer, KafkaEventPublisher.PROCESSING_GROUP, state);
    }
}
