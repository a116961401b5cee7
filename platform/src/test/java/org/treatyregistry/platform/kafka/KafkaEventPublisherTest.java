package org.treatyregistry.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiHandlerDefinition;
import org.axonframework.messaging.timeout.HandlerTimeoutConfiguration;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.ProducerFactory;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.failures.Failures;
import org.treatyregistry.platform.failures.TransientFailure;

/**
 * A producer that cannot take a record, or a wait for Kafka that does not end, is Kafka's failure, not the event's:
 * it must fail the batch as transient (retried, token kept), never be taken for poison, which would dead-letter the
 * State's events and keep them from Kafka for good. A producer closed under a send, or one that cannot start its
 * transactions, is one case; Axon interrupting a send blocked past its handler timeout
 * ({@code BrokerAwayLongerThanEveryTimeoutDeadLettersNothingTest}) another.
 */
class KafkaEventPublisherTest {

    private static final InstrumentDeposited PAYLOAD = new InstrumentDeposited("UKR", "UKR",
            InstrumentType.RATIFICATION, "1999-12-27", null, LocalDate.of(2005, 12, 27), false, "test-0");

    @Test
    void aSendOnAClosedProducerIsATransientFailure() {
        MockProducer<String, byte[]> closed = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        closed.close();
        KafkaEventPublisher publisher = publisherOn(closed);

        assertThatThrownBy(() -> publisher.publish(PAYLOAD,
                new GenericDomainEventMessage<>("StateParticipation", "UKR", 0, PAYLOAD),
                new GlobalSequenceTrackingToken(0)))
                .isInstanceOf(TransientFailure.class)
                .satisfies(failure -> assertThat(Failures.isTransient(failure)).isTrue());
    }

    /**
     * Axon interrupts a handler that runs past its timeout and throws its own {@code AxonTimeoutException} in place
     * of what the handler threw, without it as cause: that must be transient too, or a send blocked while the broker
     * is away is dead-lettered with its State's later events.
     */
    @Test
    void aSendThatAxonInterruptsAtItsHandlerTimeoutIsATransientFailure() {
        MockProducer<String, byte[]> blocking = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    throw new InterruptException(e);
                }
                return super.send(record);
            }
        };
        HandlerTimeoutConfiguration timeouts = new HandlerTimeoutConfiguration(new TaskTimeoutSettings(200, -1, 1000),
                new TaskTimeoutSettings(), new TaskTimeoutSettings(), new TaskTimeoutSettings());
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(publisherOn(blocking),
                ClasspathParameterResolverFactory.forClass(KafkaEventPublisher.class),
                MultiHandlerDefinition.ordered(new HandlerTimeoutHandlerEnhancerDefinition(timeouts),
                        ClasspathHandlerDefinition.forClass(KafkaEventPublisher.class)));

        assertThatThrownBy(() -> handler.handle(new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(0), new GenericDomainEventMessage<>("StateParticipation", "UKR", 0,
                PAYLOAD))))
                .satisfies(failure -> assertThat(Failures.isTransient(failure)).as(failure.toString()).isTrue());
        assertThat(Thread.interrupted()).as("the interrupt is not left behind").isFalse();
    }

    /**
     * Each record carries its event's index in the transparency log, so nothing of a batch is sent before the log
     * holds all its events: a log that does not is a transient failure, the batch sent again once it does.
     */
    @Test
    void aBatchIsSentOnlyOnceTheLogHoldsItsEventsAndCarriesTheirIndexes() throws Exception {
        List<MockProducer<String, byte[]>> producers = new ArrayList<>();
        Map<String, Long> logged = new HashMap<>();
        KafkaEventPublisher publisher = new KafkaEventPublisher(transactionalId -> {
            producers.add(new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()));
            return producers.get(producers.size() - 1);
        },
                new ProducerFactory.Listener<>() { }, new InMemoryTokenStore(), "test", "apmbc.test.events",
                new CloudEventCodec(new ObjectMapper().findAndRegisterModules(), "test"), eventIds -> {
                    if (!logged.keySet().containsAll(eventIds)) {
                        throw new TransientFailure("not logged yet", null);
                    }
                    return logged;
                }, Duration.ofSeconds(1), new SimpleMeterRegistry());
        GenericDomainEventMessage<InstrumentDeposited> event = new GenericDomainEventMessage<>("StateParticipation",
                "UKR", 0, PAYLOAD);

        assertThatThrownBy(() -> publisher.publish(PAYLOAD, event, new GlobalSequenceTrackingToken(7)))
                .satisfies(failure -> assertThat(Failures.isTransient(failure)).isTrue());
        assertThat(producers).singleElement().satisfies(producer -> assertThat(producer.history()).isEmpty());

        logged.put(event.getIdentifier(), 41L);
        publisher.publish(PAYLOAD, event, new GlobalSequenceTrackingToken(7));
        assertThat(producers.get(1).history()).singleElement().satisfies(record -> assertThat(new ObjectMapper()
                .readTree(record.value()).path("logindex").asText()).isEqualTo("41"));
        assertThat(producers.get(1).commitCount()).isEqualTo(1);
    }

    /** Each of the publisher's waits ends by itself, a transient failure, before Axon would interrupt it. */
    @Test
    void theProducersWaitsEndBeforeAxonsHandlerAndBatchTimeouts() {
        TimeoutProperties axon = new TimeoutProperties();
        int handlerTimeout = axon.getHandler().getEvents().getTimeoutMs();
        int batchTimeout = axon.getTransaction().getEventProcessors().getTimeoutMs();

        PublisherWaits waits = EventTopicsAutoConfiguration.publisherWaits(Duration.ofSeconds(30), axon);
        // A batch of one event starts the producer's transactions, waits for the log, sends and commits in one
        // handler call; a batch waits for the log and then for its acknowledgements.
        assertThat(waits.send().multipliedBy(4)).isLessThan(Duration.ofMillis(handlerTimeout));
        assertThat(waits.send().multipliedBy(4)).isLessThan(Duration.ofMillis(batchTimeout));
        assertThat(waits.send().plus(waits.ack())).isLessThan(Duration.ofMillis(batchTimeout));

        axon.getTransaction().getEventProcessor().put(KafkaEventPublisher.PROCESSING_GROUP,
                new TaskTimeoutSettings(8000, -1, 1000));
        assertThat(EventTopicsAutoConfiguration.publisherWaits(Duration.ofSeconds(30), axon))
                .as("the publisher's own batch timeout").isEqualTo(new PublisherWaits(Duration.ofMillis(1600),
                        Duration.ofSeconds(4)));
        axon.setEnabled(false);
        assertThat(EventTopicsAutoConfiguration.publisherWaits(Duration.ofSeconds(30), axon))
                .isEqualTo(new PublisherWaits(Duration.ofSeconds(30), Duration.ofSeconds(30)));
    }

    @Test
    void namesTheEventsStoredPositionNotItsTokensWhenItFillsAGap() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaEventPublisher publisher = publisherOn(producer);
        // Stored at 25801, read after 25805 had been: the token's position is 25805, with no gap left.
        publisher.publish(PAYLOAD, new GenericDomainEventMessage<>("StateParticipation", "UKR", 0, PAYLOAD,
                        MetaData.with(MongoEventStorageEngine.STORED_POSITION, 25_801L)),
                GapAwareTrackingToken.newInstance(25_805, List.of()));

        assertThat(producer.history()).singleElement().satisfies(record -> assertThat(new ObjectMapper()
                .readTree(record.value()).path("position").asText()).isEqualTo("25801"));
    }

    private static KafkaEventPublisher publisherOn(MockProducer<String, byte[]> producer) {
        return new KafkaEventPublisher(transactionalId -> producer, new ProducerFactory.Listener<>() { },
                new InMemoryTokenStore(), "test", "apmbc.test.events",
                new CloudEventCodec(new ObjectMapper().findAndRegisterModules(), "test"),
                KafkaEventPublisherTest::logged, Duration.ofSeconds(1), new SimpleMeterRegistry());
    }

    /** A transparency log that holds every event already, each at its place in the list asked for. */
    static Map<String, Long> logged(List<String> eventIds) {
        Map<String, Long> logged = new HashMap<>();
        eventIds.forEach(id -> logged.putIfAbsent(id, (long) logged.size()));
        return logged;
    }
}
