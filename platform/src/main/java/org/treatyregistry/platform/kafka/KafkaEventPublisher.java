package org.treatyregistry.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.treatyregistry.contract.StateEvent;

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
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final CloudEventCodec codec;
    private final Counter published;

    public KafkaEventPublisher(Producer<String, byte[]> producer, String topic, CloudEventCodec codec,
                               MeterRegistry meters) {
        this.producer = producer;
        this.topic = topic;
        this.codec = codec;
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
        List<Future<RecordMetadata>> sends = pendingSends();
        sends.add(producer.send(record));
        // Wait while the batch is still being handled: the processor stores its token in the prepare-commit
        // phase before any handler registered there would run, and nothing may be acknowledged late.
        if (!(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            awaitAcknowledgements(sends);
        }
    }

    /** Sends of one processor batch, awaited together when its last event has been sent. */
    private List<Future<RecordMetadata>> pendingSends() {
        return CurrentUnitOfWork.get().getOrComputeResource(PENDING_SENDS, key -> new ArrayList<>());
    }

    private void awaitAcknowledgements(List<Future<RecordMetadata>> sends) {
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            published.increment(sends.size());
            sends.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while awaiting Kafka acknowledgements", e);
        } catch (ExecutionException | TimeoutException e) {
            // Failing the batch keeps the token where it was: the batch is published again on retry.
            throw new IllegalStateException("Kafka did not acknowledge a batch for " + topic, e);
        }
    }
}
