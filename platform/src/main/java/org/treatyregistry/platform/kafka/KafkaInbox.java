package org.treatyregistry.platform.kafka;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.util.ClassUtils;
import org.treatyregistry.platform.failures.Failures;

/**
 * Receives other services' events and hands each one, once, to each of this service's projections. Idempotent by
 * event id and projection: the {@code inbox} collection remembers which projection handled which event, so a
 * redelivered record changes nothing, and a projection added later still receives the events the others had
 * (when they are delivered again: the local run republishes at start; a deployment resets the consumer group).
 * Records of one State arrive in order because they share a key and so a partition. A poll's records are handled
 * together, with a few queries for the lot rather than several for each.
 * <p>
 * A record that cannot be handled throws: the container's error handler retries a transient failure with back-off
 * for as long as it lasts (the offset stays), and hands a poison record (undecodable, of a type this build does not
 * know, or failing a projection deterministically) to {@link #recoverer()}, which dead-letters it; the State's later
 * records then wait behind it in {@link InboxDeadLetters} (decision 0013).
 */
public class KafkaInbox implements BatchMessageListener<String, byte[]> {

    static final String INBOX = "inbox";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaInbox.class);

    private final MongoCollection<Document> inbox;
    private final CloudEventCodec codec;
    private final List<InboundEventHandler> handlers;
    /** Whether every projection takes a poll's events together; if one does not, each record goes alone. */
    private final boolean batched;
    private final InboxDeadLetters deadLetters;
    private final InboxFailures failures;
    private final Counter handled;
    private final Counter duplicates;
    private final Counter deadLettered;

    public KafkaInbox(MongoDatabase database, CloudEventCodec codec, List<InboundEventHandler> handlers,
                      InboxDeadLetters deadLetters, InboxFailures failures, MeterRegistry meters) {
        this.inbox = database.getCollection(INBOX);
        this.codec = codec;
        this.handlers = handlers;
        this.batched = handlers.stream().allMatch(InboundEventHandler.Batched.class::isInstance);
        this.deadLetters = deadLetters;
        this.failures = failures;
        this.handled = Counter.builder("treaty.inbox.handled").register(meters);
        this.duplicates = Counter.builder("treaty.inbox.duplicates").register(meters);
        this.deadLettered = Counter.builder("treaty.inbox.dead-lettered")
                .description("records put in the inbox's dead letters, poison or waiting behind one").register(meters);
    }

    /**
     * A poll's records in order, with a few queries for all of them: which of their sequences hold dead letters,
     * which projections handled which already, and at the end one insert of what was handled now. A record that
     * fails stops the batch there: what was handled before it is remembered, and the container's error handler
     * commits the offsets before it, retries or dead-letters it (by the class of {@link InboxRecordFailure}), and
     * delivers the rest again.
     */
    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> held = deadLetters.holding(records.stream().map(InboxDeadLetters::sequenceOf).toList());
        List<Object> decoded = new ArrayList<>(records.size());
        List<InboundEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                InboundEvent event = decode(record);
                decoded.add(event);
                events.add(event);
            } catch (RuntimeException e) {
                decoded.add(e);
            }
        }
        Set<String> done = handledAlready(events);
        if (batched && events.size() == records.size() && held.isEmpty()
                && handledTogether(records, events, done)) {
            return;
        }
        List<Document> handledNow = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            try {
                if (held.contains(InboxDeadLetters.sequenceOf(record))) {
                    waitBehind(record, decoded.get(i) instanceof InboundEvent event ? event : null);
                } else if (decoded.get(i) instanceof RuntimeException undecodable) {
                    throw undecodable;
                } else {
                    handle((InboundEvent) decoded.get(i), record, done, handledNow);
                }
            } catch (RuntimeException e) {
                // The records before it were handled, and their offsets are committed. If they cannot be remembered
                // too, a later delivery (a republish) hands them to their projections again, which are idempotent.
                // The failed record's own failure is the one that decides its fate.
                try {
                    remember(handledNow);
                } catch (RuntimeException notRemembered) {
                    e.addSuppressed(notRemembered);
                }
                InboundEvent event = decoded.get(i) instanceof InboundEvent inbound ? inbound : null;
                LOG.warn("Inbox: record {}-{}@{} (event {}, {}) failed", record.topic(), record.partition(),
                        record.offset(), event == null ? "unreadable" : event.id(),
                        event == null ? "no type" : event.type(), e);
                failures.failed(record, event, e);
                failures.passed(partitionsOf(records.subList(0, i)).stream()
                        .filter(p -> p.partition() != record.partition() || !p.topic().equals(record.topic()))
                        .toList());
                throw InboxRecordFailure.of(e, record);
            }
        }
        try {
            remember(handledNow);
        } catch (RuntimeException e) {
            // Everything was handled: the whole poll is delivered again, and its projections are idempotent.
            failures.failed(records.get(0), null, e);
            throw new InboxRecordFailure.Transient(e, records.get(0));
        }
        failures.passed(partitionsOf(records));
    }

    /**
     * A poll with nothing held and nothing unreadable, handed to each (batched) projection in one call, so that a
     * store adds each State's facts together. Returns false if a projection refused the lot for good: the caller
     * then hands the records over one by one, which pins the failure on its record (the lot's writes are
     * idempotent). A transient failure fails the whole poll, delivered again after back-off.
     */
    private boolean handledTogether(List<ConsumerRecord<String, byte[]>> records, List<InboundEvent> events,
                                    Set<String> done) {
        List<Document> handledNow = new ArrayList<>();
        Set<String> handedOver = new HashSet<>();
        try {
            for (InboundEventHandler handler : handlers) {
                List<InboundEvent> fresh = new ArrayList<>();
                for (int i = 0; i < events.size(); i++) {
                    String key = key(events.get(i), handler);
                    if (!done.contains(key) && handedOver.add(key)) {
                        fresh.add(events.get(i));
                        handledNow.add(entry(key, events.get(i), records.get(i)));
                    }
                }
                if (!fresh.isEmpty()) {
                    ((InboundEventHandler.Batched) handler).onAll(fresh);
                }
            }
            remember(handledNow);
        } catch (RuntimeException e) {
            if (!Failures.isTransient(e)) {
                LOG.info("Inbox: a poll of {} records failed as a whole ({}); handing them over one by one",
                        records.size(), Failures.describe(e));
                return false;
            }
            LOG.warn("Inbox: a poll of {} records failed, to be delivered again", records.size(), e);
            failures.failed(records.get(0), events.get(0), e);
            throw new InboxRecordFailure.Transient(e, records.get(0));
        }
        Set<String> fresh = new HashSet<>();
        handledNow.forEach(entry -> fresh.add(entry.getString("eventId")));
        events.forEach(event -> (fresh.contains(event.id()) ? handled : duplicates).increment());
        failures.passed(partitionsOf(records));
        return true;
    }

    private static Set<TopicPartition> partitionsOf(List<ConsumerRecord<String, byte[]>> records) {
        Set<TopicPartition> partitions = new HashSet<>();
        records.forEach(record -> partitions.add(new TopicPartition(record.topic(), record.partition())));
        return partitions;
    }

    /** Keeps {@link InboxFailures} with the partitions this instance holds. */
    public ConsumerRebalanceListener rebalanceListener() {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                failures.assigned(partitions);
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                failures.revoked(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                failures.revoked(partitions);
            }
        };
    }

    /** One record, as an operator's retry of a dead letter hands it over; throws if any projection cannot take it. */
    void deliver(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = decode(record);
        List<Document> handledNow = new ArrayList<>();
        handle(event, record, handledAlready(List.of(event)), handledNow);
        remember(handledNow);
    }

    private InboundEvent decode(ConsumerRecord<String, byte[]> record) {
        return codec.decode(record.value()).orElseThrow(() -> new IllegalArgumentException(
                "a CloudEvent of a type this build does not know; upgrade the service, then retry"));
    }

    private String key(InboundEvent event, InboundEventHandler handler) {
        return event.id() + "@" + ClassUtils.getUserClass(handler).getSimpleName();
    }

    /** The inbox entries (event and projection) among those of {@code events}, in one query. */
    private Set<String> handledAlready(List<InboundEvent> events) {
        Set<String> done = new HashSet<>();
        List<String> keys = events.stream().flatMap(event -> handlers.stream().map(handler -> key(event, handler)))
                .toList();
        if (!keys.isEmpty()) {
            inbox.find(in("_id", keys)).projection(new Document("_id", 1)).forEach(d -> done.add(d.getString("_id")));
        }
        return done;
    }

    /** Hands the event to every projection that has not handled it (here or in an earlier delivery). */
    private void handle(InboundEvent event, ConsumerRecord<String, byte[]> record, Set<String> done,
                        List<Document> handledNow) {
        boolean any = false;
        for (InboundEventHandler handler : handlers) {
            String key = key(event, handler);
            if (!done.contains(key)) {
                handler.on(event);
                done.add(key);
                handledNow.add(entry(key, event, record));
                any = true;
            }
        }
        (any ? handled : duplicates).increment();
    }

    /**
     * Puts the record behind its sequence's dead letters. If it turns out first, nothing is ahead of it any more (a
     * retry emptied the sequence after this poll looked): it would wait behind nothing for ever, so it is retried
     * at once, as an operator's retry would.
     */
    private void waitBehind(ConsumerRecord<String, byte[]> record, InboundEvent event) {
        boolean first = deadLetters.add(record, event == null ? null : event.id(), event == null ? null : event.type(),
                InboxDeadLetters.WAITING);
        deadLettered.increment();
        if (first) {
            LOG.info("Inbox: record {}-{}@{} waited behind no dead letter; retrying its sequence", record.topic(),
                    record.partition(), record.offset());
            retry(InboxDeadLetters.sequenceOf(record));
        }
    }

    /**
     * Hands a sequence's dead letters to the projections again, oldest first, and removes each one handled, until
     * the sequence holds none (records that came to wait behind them meanwhile included); stops at the first that
     * fails, which stays first with its new reason. Returns how many were handled.
     */
    public int retry(String sequence) {
        int retried = 0;
        for (InboxDeadLetters.Sequence held = deadLetters.find(sequence); held != null && !held.letters().isEmpty();
             held = deadLetters.find(sequence)) {
            for (InboxDeadLetters.Letter letter : held.letters()) {
                try {
                    deliver(new ConsumerRecord<>(letter.topic(), letter.partition(), letter.offset(), letter.key(),
                            letter.value()));
                } catch (RuntimeException e) {
                    deadLetters.failedAgain(letter, Failures.describe(e));
                    return retried;
                }
                deadLetters.remove(sequence, letter.letter());
                retried++;
            }
        }
        return retried;
    }

    /** Where the error handler puts a poison record: the inbox's dead letters, with the reason. */
    public ConsumerRecordRecoverer recoverer() {
        return (failed, failure) -> {
            @SuppressWarnings("unchecked")
            ConsumerRecord<String, byte[]> record = (ConsumerRecord<String, byte[]>) failed;
            Optional<InboundEvent> event = readable(record);
            deadLetters.add(record, event.map(InboundEvent::id).orElse(null),
                    event.map(InboundEvent::type).orElse(null), InboxRecordFailure.reason(failure));
            deadLettered.increment();
            failures.passed(List.of(new TopicPartition(record.topic(), record.partition())));
        };
    }

    private Optional<InboundEvent> readable(ConsumerRecord<String, byte[]> record) {
        try {
            return codec.decode(record.value());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Document entry(String key, InboundEvent event, ConsumerRecord<String, byte[]> record) {
        return new Document("_id", key)
                .append("eventId", event.id())
                .append("type", event.type())
                .append("subject", event.subject())
                .append("source", event.source())
                .append("topic", record.topic())
                .append("partition", record.partition())
                .append("offset", record.offset())
                .append("receivedAt", Date.from(Instant.now()));
    }

    /** One unordered insert; an entry that is there already was written by another instance handling it too. */
    private void remember(List<Document> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            inbox.insertMany(entries, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
            duplicates.increment(e.getWriteErrors().size());
        }
    }
}
