package org.treatyregistry.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.platform.failures.BatchEnd;
import org.treatyregistry.platform.failures.TransientFailure;

/**
 * Publishes the service's event store to its Kafka topic, in store order, as an Axon streaming processor.
 * The processor's token advances only after Kafka has acknowledged every record of a batch, so an event stored
 * but not yet published when the process dies is published after restart (no dual-write loss). The record key
 * is the State's ISO3 code, which keeps each State's events in order on one partition.
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pending";

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final String topic;
    private final CloudEventCodec codec;
    private final Duration ackTimeout;
    private final Counter published;

    /**
     * @param producers  an idempotent producer with {@code acks=all}; reset when Kafka does not acknowledge in time
     * @param ackTimeout how long a batch waits for Kafka's acknowledgements before it fails and is retried
     */
    public KafkaEventPublisher(DefaultKafkaProducerFactory<String, byte[]> producers, String topic,
                               CloudEventCodec codec, Duration ackTimeout, MeterRegistry meters) {
        this.producers = producers;
        this.topic = topic;
        this.codec = codec;
        this.ackTimeout = ackTimeout;
        this.published = Counter.builder("treaty.kafka.published").tag("topic", topic)
                .description("events published to Kafka and acknowledged").register(meters);
    }

    /** Every event a service stores is a contract event; anything else is a programming error, and stops here. */
    @EventHandler
    public void publish(Object payload, EventMessage<?> event, TrackingToken token) {
        if (!(payload instanceof StateEvent stateEvent) || !(event instanceof DomainEventMessage<?> domainEvent)) {
            throw new IllegalStateException("Not a contract event, cannot publish: " + event.getPayloadType());
        }
        long position = token.position().orElseThrow();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, stateEvent.iso3(),
                codec.encode(domainEvent, stateEvent, position));
        record.headers().add(new RecordHeader("content-type", CloudEventCodec.CONTENT_TYPE.getBytes()));
        Future<RecordMetadata> send;
        try {
            send = producers.createProducer().send(record);
        } catch (RuntimeException e) {
            // The event is sound (it was encoded); a producer that cannot take it (closed by another segment's
            // reset, not able to start, no metadata within max.block.ms, interrupted) is Kafka's failure, retried:
            // never the event's, never dead-lettered.
            throw new TransientFailure("the producer for " + topic + " did not take event " + event.getIdentifier(), e);
        }
        // A batch's sends are awaited together at its end, before its token is stored; alone (a dead letter
        // retried) at once.
        List<Future<RecordMetadata>> batch = BatchEnd.defer(PENDING_SENDS, ArrayList::new, this::awaitAcknowledgements);
        if (batch == null) {
            awaitAcknowledgements(List.of(send));
        } else {
            batch.add(send);
        }
    }

    private void awaitAcknowledgements(List<Future<RecordMetadata>> sends) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            published.increment(sends.size());
        } catch (InterruptedException e) {
            // Axon interrupts a batch that ran past its timeout: the wait failed like any other (the producer is
            // closed before the interrupt is restored, which its close would take for its own), and the thread
            // stays interrupted for Axon to see.
            producers.reset();
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while awaiting Kafka's acknowledgements for " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            // Unsent records are dropped with the producer, so that they do not land after the batch has been
            // given up; the batch, token unchanged, is sent again on retry.
            producers.reset();
            throw new TransientFailure("Kafka did not acknowledge a batch for " + topic + " within " + ackTimeout, e);
        }
    }

    public void close() {
        producers.destroy();
    }
}
