package org.treatyregistry.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.treatyregistry.platform.TestInfrastructure.eventIds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.ProducerFactory;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.failures.BatchEnd;
import org.treatyregistry.platform.failures.ProcessorFailures;
import org.treatyregistry.platform.failures.TransientFailure;

/**
 * A segment of the publisher can change hands while a batch of it is still under way: the instance holding it
 * waited on Kafka for longer than its claim lasts, and the other instance claimed it and published the same events.
 * The late batch must never reach a reader: otherwise a State's events are on the topic twice, interleaved, and a
 * record the first instance's producer wrote after an earlier one of its batch had expired puts a State's later
 * event ahead of an earlier one. Two publishers of one service, on a real broker, each with its own producers, as
 * two instances have: the first sends a batch and, before it commits, the second publishes the segment's events
 * and commits. The first one's commit must fail (transient, retried), and a reader of committed records must see
 * each event once, in the store's order. The same holds when the second instance has claimed the segment but not yet
 * started its producer, which would fence the first one's: the claim alone must stop the late batch.
 */
class PublisherFencingTest {

    private static final String SERVICE = "proof-fencing-" + UUID.randomUUID();
    private static final String SEGMENT = "Processor[" + KafkaEventPublisher.PROCESSING_GROUP + "]/SegmentId";

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    private static MongoClient mongo;
    private static ProcessorFailures failures;

    @BeforeAll
    static void connect() {
        mongo = MongoClients.create(TestInfrastructure.mongoBaseUri());
        failures = new ProcessorFailures(mongo.getDatabase(SERVICE));
    }

    @AfterAll
    static void disconnect() {
        mongo.close();
    }

    @Test
    void aBatchOfAnInstanceThatLostItsSegmentNeverReachesAReader() throws Exception {
        String topic = newTopic();
        // Each instance believes it holds the segment (its own token store): only Kafka's fencing can stop the first.
        KafkaEventPublisher first = publisher(topic, claimed(tokens("first", "first", CLAIM_TIMEOUT)));
        KafkaEventPublisher second = publisher(topic, claimed(tokens("second", "second", CLAIM_TIMEOUT)));
        List<DomainEventMessage<?>> events = List.of(event(0), event(1), event(2));
        try {
            ResultMessage<?> late = batch(first, events.subList(0, 2), () -> {
                // The first instance's records are sent, its commit not yet made: the second takes the segment over.
                ResultMessage<?> taken = CompletableFuture.supplyAsync(() -> batch(second, events, () -> { }))
                        .get(60, TimeUnit.SECONDS);
                assertThat(taken.isExceptional()).as("the batch of the instance that holds the segment now: %s",
                        taken.isExceptional() ? taken.exceptionResult() : "").isFalse();
            });

            lateBatchRefusedAndEachEventReadOnce(late, topic, events);
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void aBatchOfAnInstanceThatLostItsClaimNeverReachesAReaderBeforeTheNewOwnerStartsItsProducer() throws Exception {
        String topic = newTopic();
        MongoTokenStore firstTokens = claimed(tokens("shared", "first", CLAIM_TIMEOUT));
        // The second instance may take a claim over as soon as it is a millisecond old (as after the first one's
        // claim timeout).
        MongoTokenStore secondTokens = tokens("shared", "second", Duration.ofMillis(1));
        KafkaEventPublisher first = publisher(topic, firstTokens);
        KafkaEventPublisher second = publisher(topic, secondTokens);
        List<DomainEventMessage<?>> events = List.of(event(0), event(1), event(2));
        try {
            ResultMessage<?> late = batch(first, events.subList(0, 2), () -> {
                // The first instance's records are sent, its commit not yet made: the second claims the segment and
                // has published nothing yet, so no producer of the segment's transactional id fenced the first's.
                Thread.sleep(20);
                secondTokens.fetchToken(KafkaEventPublisher.PROCESSING_GROUP, 0);
            });

            ResultMessage<?> taken = batch(second, events, () -> { });
            assertThat(taken.isExceptional()).as("the new owner's batch").isFalse();
            lateBatchRefusedAndEachEventReadOnce(late, topic, events);
        } finally {
            first.close();
            second.close();
        }
    }

    /** The late batch failed (transient: retried), and a reader of committed records sees each event once, in order. */
    private static void lateBatchRefusedAndEachEventReadOnce(ResultMessage<?> late, String topic,
                                                             List<DomainEventMessage<?>> events) {
        assertThat(late.isExceptional()).as("the late batch's commit").isTrue();
        assertThat(late.exceptionResult()).isInstanceOf(TransientFailure.class);
        List<String> read = eventIds(TestInfrastructure.readTopic(topic, events.size(), Duration.ofSeconds(30)));
        assertThat(read).as("each event once, in the store's order")
                .containsExactlyElementsOf(events.stream().map(EventMessage::getIdentifier).toList());
    }

    /** A topic of its own for each test, as the records each reads are all of its topic's. */
    private static String newTopic() throws Exception {
        String topic = EventTopicsAutoConfiguration.topicOf(SERVICE + "-" + UUID.randomUUID());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    /** An instance's view of the claims: the token store in {@code database}, under the instance's node id. */
    private static MongoTokenStore tokens(String database, String instance, Duration claimTimeout) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongo.getDatabase(SERVICE + "-"
                        + database)).build())
                .serializer(JacksonSerializer.defaultSerializer()).nodeId(instance).claimTimeout(claimTimeout)
                .build();
    }

    /** The store, with the publisher's one segment claimed by its instance. */
    private static MongoTokenStore claimed(MongoTokenStore tokens) {
        if (tokens.fetchSegments(KafkaEventPublisher.PROCESSING_GROUP).length == 0) {
            tokens.initializeTokenSegments(KafkaEventPublisher.PROCESSING_GROUP, 1);
        }
        tokens.fetchToken(KafkaEventPublisher.PROCESSING_GROUP, 0);
        return tokens;
    }

    private static KafkaEventPublisher publisher(String topic, TokenStore claims) {
        PublisherWaits waits = new PublisherWaits(Duration.ofSeconds(10), Duration.ofSeconds(20));
        return new KafkaEventPublisher(EventTopicsAutoConfiguration.publisherProducers(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap()), waits),
                new ProducerFactory.Listener<>() { }, claims, SERVICE, topic,
                new CloudEventCodec(new ObjectMapper().findAndRegisterModules(), SERVICE),
                KafkaEventPublisherTest::logged, waits.send(), new SimpleMeterRegistry());
    }

    /**
     * The events as one batch of segment 0 of the publisher's processor, as Axon runs it: the publisher's handler
     * for each, inside the {@link BatchEnd} interceptor, with {@code beforeCommit} run after the last event is sent
     * and before the batch's work at its end (the commit).
     */
    private static ResultMessage<?> batch(KafkaEventPublisher publisher, List<DomainEventMessage<?>> events,
                                          ThrowingRunnable beforeCommit) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(new ArrayList<EventMessage<?>>(events));
        batch.resources().put(SEGMENT, 0);
        BatchEnd batchEnd = new BatchEnd(KafkaEventPublisher.PROCESSING_GROUP, failures);
        return batch.executeWithResult(() -> batchEnd.handle(batch, () -> {
            EventMessage<?> event = batch.getMessage();
            publisher.publish(event.getPayload(), event,
                    new GlobalSequenceTrackingToken(((DomainEventMessage<?>) event).getSequenceNumber()));
            if (batch.isLastMessage()) {
                beforeCommit.run();
            }
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static DomainEventMessage<?> event(long sequence) {
        InstrumentDeposited payload = new InstrumentDeposited("UKR", "UKR", InstrumentType.RATIFICATION,
                "1999-12-27", null, LocalDate.of(2005, 12, 27).plusDays(sequence), false, "fencing-" + sequence);
        return new GenericDomainEventMessage<>("StateParticipation", "UKR", sequence, payload);
    }
}
