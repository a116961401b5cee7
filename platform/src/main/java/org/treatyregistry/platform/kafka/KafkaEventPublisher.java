package org.treatyregistry.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.failures.BatchEnd;
import org.treatyregistry.platform.failures.TransientFailure;

/**
 * Publishes the service's event store to its Kafka topic, in store order, as an Axon streaming processor. The
 * record key is the State's ISO3 code, which keeps each State's events on one partition, and the processor's
 * segments split the store by State, so one segment publishes them in store order.
 * <p>
 * Each batch of the processor is one Kafka transaction, committed before the batch's token is stored: an event
 * stored but not yet published when the process dies is published after restart (no dual-write loss), and the
 * inbox (reading committed records only) never sees part of a batch. The transactional id is the segment's, the
 * same on every instance, so the instance that claims a segment fences whichever instance held it before: a
 * batch still under way on an instance that lost its claim (its wait for a broker outlasted the claim) can no
 * longer commit, and its records, aborted, never reach a reader. Without that, two copies of a segment's events
 * interleave on a partition, and a record that the idempotent producer wrote after an earlier one of its batch
 * had expired puts a State's later event ahead of an earlier one. The new owner's producer starts at its first
 * batch, not at the claim; so that no batch commits in between either, a batch extends its segment's claim just
 * before it commits: an instance that lost the claim fails there, and one that still holds it keeps it for the
 * claim timeout, longer than the commit may wait.
 * <p>
 * Each CloudEvent carries the event's index in the service's transparency log ({@code logindex}, decision 0026), so
 * a batch is sent once the log holds all its events: the log follows the store as this processor does, in one
 * segment, a moment ahead or behind. A log that does not hold them soon enough fails the batch as a transient
 * failure, retried like a broker away.
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final String BATCH = KafkaEventPublisher.class.getName() + ".batch";
    private static final String SEGMENT = "Processor[" + PROCESSING_GROUP + "]/SegmentId";
    /** The transactional id's suffix for a dead letter retried alone, outside any segment's batch. */
    private static final String LETTERS = "letters";

    private final Function<String, Producer<String, byte[]>> producers;
    private final TokenStore claims;
    private final ProducerFactory.Listener<String, byte[]> listener;
    private final String transactionalIdPrefix;
    private final String topic;
    private final CloudEventCodec codec;
    private final LogIndexes logIndexes;
    private final Duration wait;
    private final Counter published;
    /** By transactional id: each used by one batch at a time, the segment's. */
    private final Map<String, Producer<String, byte[]>> open = new ConcurrentHashMap<>();

    /** Where the service's transparency log holds events. */
    @FunctionalInterface
    public interface LogIndexes {
        /** Their indexes by event id, once the log holds them all; a {@link TransientFailure} if not soon enough. */
        Map<String, Long> await(List<String> eventIds);
    }

    /**
     * @param producers  a transactional producer for the given transactional id, with {@code acks=all}
     * @param listener   told of each producer made and closed (its metrics)
     * @param claims     the token store whose claims say which instance publishes which segment
     * @param logIndexes each event's index in the service's transparency log, carried as {@code logindex}
     * @param wait       the longest a producer may block on one call (its {@code max.block.ms}), for the messages
     */
    public KafkaEventPublisher(Function<String, Producer<String, byte[]>> producers,
                               ProducerFactory.Listener<String, byte[]> listener, TokenStore claims,
                               String serviceName, String topic, CloudEventCodec codec, LogIndexes logIndexes,
                               Duration wait, MeterRegistry meters) {
        this.producers = producers;
        this.claims = claims;
        this.listener = listener;
        this.transactionalIdPrefix = serviceName + "-publisher-";
        this.topic = topic;
        this.codec = codec;
        this.logIndexes = logIndexes;
        this.wait = wait;
        this.published = Counter.builder("treaty.kafka.published").tag("topic", topic)
                .description("events published to Kafka and acknowledged").register(meters);
    }

    /** The publisher's sequence of an event: its State (its record key), whichever stream of the State it is in. */
    public static Object stateOf(EventMessage<?> event) {
        return event.getPayload() instanceof StateEvent stateEvent ? stateEvent.iso3() : event.getIdentifier();
    }

    /** Every event a service stores is a contract event; anything else is a programming error, and stops here. */
    @EventHandler
    public void publish(Object payload, EventMessage<?> event, TrackingToken token) {
        if (!(payload instanceof StateEvent stateEvent) || !(event instanceof DomainEventMessage<?> domainEvent)) {
            throw new IllegalStateException("Not a contract event, cannot publish: " + event.getPayloadType());
        }
        Pending pending = new Pending(domainEvent, stateEvent, MongoEventStorageEngine.storedPosition(event, token));
        // A batch's records are one transaction, sent (once the log holds them) and committed at its end, before its
        // token is stored; a dead letter retried alone is a transaction of its own.
        Transaction batch = BatchEnd.defer(BATCH, this::beginBatch, this::commit);
        if (batch == null) {
            Transaction alone = begin(transactionalIdPrefix + LETTERS);
            alone.pending.add(pending);
            commit(alone);
        } else {
            batch.pending.add(pending);
        }
    }

    /** An event of the batch, encoded at its end with its log index. */
    private record Pending(DomainEventMessage<?> event, StateEvent payload, long position) {

        private ProducerRecord<String, byte[]> record(String topic, CloudEventCodec codec, long logIndex) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, payload.iso3(),
                    codec.encode(event, payload, position, logIndex));
            record.headers().add(new RecordHeader("content-type", CloudEventCodec.CONTENT_TYPE.getBytes()));
            return record;
        }
    }

    /** The batch's transaction, on its segment's id; left open by a batch that failed, it goes with its producer. */
    private Transaction beginBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Integer segment = batch.getResource(SEGMENT);
        Transaction transaction = begin(transactionalIdPrefix + (segment == null ? LETTERS : "segment-" + segment));
        transaction.segment = segment;
        batch.onRollback(u -> discard(transaction.transactionalId, transaction.producer));
        return transaction;
    }

    /**
     * Opens a transaction on the id's producer, made (and its transactions initialised, which fences an earlier
     * producer of that id and aborts what it left open) if there is none. A producer that cannot is Kafka's failure
     * (the broker away, fenced, interrupted), never the event's: transient, never dead-lettered.
     */
    private Transaction begin(String transactionalId) {
        Producer<String, byte[]> producer = open.get(transactionalId);
        try {
            if (producer == null) {
                producer = producers.apply(transactionalId);
                open.put(transactionalId, producer);
                listener.producerAdded(transactionalId, producer);
                producer.initTransactions();
            }
            producer.beginTransaction();
            return new Transaction(transactionalId, producer);
        } catch (RuntimeException e) {
            discard(transactionalId, producer);
            throw new TransientFailure("the producer " + transactionalId + " for " + topic
                    + " could not begin a transaction", e);
        }
    }

    private void commit(Transaction transaction) {
        Map<String, Long> indexes;
        try {
            indexes = logIndexes.await(transaction.pending.stream().map(p -> p.event().getIdentifier()).toList());
        } catch (RuntimeException e) {
            // Nothing was sent: the transaction goes with its producer, and the batch is handled again.
            discard(transaction.transactionalId, transaction.producer);
            throw e;
        }
        for (Pending pending : transaction.pending) {
            transaction.send(pending.record(topic, codec, indexes.get(pending.event().getIdentifier())),
                    pending.event());
        }
        if (transaction.segment != null) {
            holdClaim(transaction);
        }
        try {
            transaction.producer.commitTransaction();
            published.increment(transaction.sent);
        } catch (RuntimeException e) {
            // The transaction is aborted with the producer (by the broker, once the id's next producer starts), so
            // none of its records reaches a reader; the batch, token unchanged, is sent again on retry.
            discard(transaction.transactionalId, transaction.producer);
            throw new TransientFailure("Kafka did not commit a batch of " + transaction.sent + " events for " + topic
                    + " within " + wait, e);
        }
    }

    /**
     * Extends the segment's claim before the batch commits: if another instance claimed the segment meanwhile (this
     * batch outlasted the claim), the batch is aborted before any of its records reaches a reader, even if the new
     * owner's producer has not fenced this one yet. Extended, the claim cannot be taken for the claim timeout (10 s),
     * longer than the commit may block.
     */
    private void holdClaim(Transaction transaction) {
        try {
            claims.extendClaim(PROCESSING_GROUP, transaction.segment);
        } catch (RuntimeException e) {
            discard(transaction.transactionalId, transaction.producer);
            throw new TransientFailure("segment " + transaction.segment + " of " + PROCESSING_GROUP
                    + " is no longer this instance's; its batch of " + transaction.sent + " events is aborted", e);
        }
    }

    /**
     * Closes the producer at once and forgets it. Axon interrupts a batch that ran past its timeout: the producer
     * is closed before the interrupt is restored, which its close would take for its own, and the thread stays
     * interrupted for Axon to see.
     */
    private void discard(String transactionalId, Producer<String, byte[]> producer) {
        if (producer == null) {
            return;
        }
        if (open.remove(transactionalId, producer)) {
            listener.producerRemoved(transactionalId, producer);
        }
        boolean interrupted = Thread.interrupted();
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debug("Closing the producer {} failed; it is dropped all the same", transactionalId, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void close() {
        open.forEach(this::discard);
    }

    /** A batch's open transaction. */
    private final class Transaction {

        private final String transactionalId;
        private final Producer<String, byte[]> producer;
        /** The publisher's segment whose batch this is; null for a dead letter retried alone. */
        private Integer segment;
        private final List<Pending> pending = new ArrayList<>();
        private int sent;

        private Transaction(String transactionalId, Producer<String, byte[]> producer) {
            this.transactionalId = transactionalId;
            this.producer = producer;
        }

        private void send(ProducerRecord<String, byte[]> record, EventMessage<?> event) {
            try {
                producer.send(record);
                sent++;
            } catch (RuntimeException e) {
                // The event is sound (it was encoded); a producer that cannot take it (no metadata within
                // max.block.ms, fenced, interrupted) is Kafka's failure, retried: never the event's.
                discard(transactionalId, producer);
                throw new TransientFailure("the producer " + transactionalId + " for " + topic
                        + " did not take event " + event.getIdentifier(), e);
            }
        }
    }
}
