package org.treatyregistry.platform.kafka;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.util.ClassUtils;
import org.treatyregistry.platform.failures.Failures;

/**
 * Receives other services' events and hands each one, once, to each of this service's projections. Idempotent by
 * event id and projection: the {@code inbox} collection remembers which projection handled which event, so a
 * redelivered record changes nothing, and a projection added later still receives the events the others had
 * (when they are delivered again: the local run republishes at start; a deployment resets the consumer group).
 * Records of one State arrive in order because they share a key and so a partition.
 * <p>
 * A record that cannot be handled throws: the container's error handler retries a transient failure with back-off
 * for as long as it lasts (the offset stays), and hands a poison record (undecodable, of a type this build does not
 * know, or failing a projection deterministically) to {@link #recoverer()}, which dead-letters it; the State's later
 * records then wait behind it in {@link InboxDeadLetters} (decision 0013).
 */
public class KafkaInbox implements MessageListener<String, byte[]> {

    static final String INBOX = "inbox";

    private final MongoCollection<Document> inbox;
    private final CloudEventCodec codec;
    private final List<InboundEventHandler> handlers;
    private final InboxDeadLetters deadLetters;
    private final Counter handled;
    private final Counter duplicates;
    private final Counter deadLettered;

    public KafkaInbox(MongoDatabase database, CloudEventCodec codec, List<InboundEventHandler> handlers,
                      InboxDeadLetters deadLetters, MeterRegistry meters) {
        this.inbox = database.getCollection(INBOX);
        this.codec = codec;
        this.handlers = handlers;
        this.deadLetters = deadLetters;
        this.handled = Counter.builder("treaty.inbox.handled").register(meters);
        this.duplicates = Counter.builder("treaty.inbox.duplicates").register(meters);
        this.deadLettered = Counter.builder("treaty.inbox.dead-lettered")
                .description("records put in the inbox's dead letters, poison or waiting behind one").register(meters);
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        if (deadLetters.holds(InboxDeadLetters.sequenceOf(record))) {
            Optional<InboundEvent> event = readable(record);
            deadLetters.add(record, event.map(InboundEvent::id).orElse(null),
                    event.map(InboundEvent::type).orElse(null), InboxDeadLetters.WAITING);
            deadLettered.increment();
            return;
        }
        deliver(record);
    }

    /** Decodes the record and hands it to every projection that has not handled it; throws if any cannot. */
    void deliver(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = codec.decode(record.value()).orElseThrow(() -> new IllegalArgumentException(
                "a CloudEvent of a type this build does not know; upgrade the service, then retry"));
        Map<String, InboundEventHandler> byKey = new LinkedHashMap<>();
        handlers.forEach(handler -> byKey.put(event.id() + "@" + ClassUtils.getUserClass(handler).getSimpleName(),
                handler));
        Set<String> done = new HashSet<>();
        inbox.find(in("_id", List.copyOf(byKey.keySet()))).forEach(d -> done.add(d.getString("_id")));
        if (done.size() == byKey.size()) {
            duplicates.increment();
            return;
        }
        byKey.forEach((key, handler) -> {
            if (!done.contains(key)) {
                handler.on(event);
                remember(key, event, record);
            }
        });
        handled.increment();
    }

    /**
     * Hands a sequence's dead letters to the projections again, oldest first, and removes each one handled; stops
     * at the first that fails, which stays first with its new reason. Returns how many were handled.
     */
    public int retry(String sequence) {
        InboxDeadLetters.Sequence held = deadLetters.find(sequence);
        int retried = 0;
        for (InboxDeadLetters.Letter letter : held == null ? List.<InboxDeadLetters.Letter>of() : held.letters()) {
            try {
                deliver(new ConsumerRecord<>(letter.topic(), letter.partition(), letter.offset(), letter.key(),
                        letter.value()));
            } catch (RuntimeException e) {
                deadLetters.failedAgain(sequence, letter.letter(), Failures.describe(e));
                break;
            }
            deadLetters.remove(sequence, letter.letter());
            retried++;
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
                    event.map(InboundEvent::type).orElse(null), Failures.describe(failure));
            deadLettered.increment();
        };
    }

    private Optional<InboundEvent> readable(ConsumerRecord<String, byte[]> record) {
        try {
            return codec.decode(record.value());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void remember(String key, InboundEvent event, ConsumerRecord<String, byte[]> record) {
        try {
            inbox.insertOne(new Document("_id", key)
                    .append("eventId", event.id())
                    .append("type", event.type())
                    .append("subject", event.subject())
                    .append("source", event.source())
                    .append("topic", record.topic())
                    .append("partition", record.partition())
                    .append("offset", record.offset())
                    .append("receivedAt", Date.from(Instant.now())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            duplicates.increment(); // another instance handled it concurrently; the projections are idempotent
        }
    }
}
