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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.util.ClassUtils;

/**
 * Receives other services' events and hands each one, once, to each of this service's projections. Idempotent by
 * event id and projection: the {@code inbox} collection remembers which projection handled which event, so a
 * redelivered record changes nothing, and a projection added later still receives the events the others had
 * (when they are delivered again: the local run republishes at start; a deployment resets the consumer group).
 * Records of one State arrive in order because they share a key and so a partition.
 */
public class KafkaInbox implements MessageListener<String, byte[]> {

    static final String INBOX = "inbox";
    private static final Logger log = LoggerFactory.getLogger(KafkaInbox.class);

    private final MongoCollection<Document> inbox;
    private final CloudEventCodec codec;
    private final List<InboundEventHandler> handlers;
    private final Counter handled;
    private final Counter duplicates;
    private final Counter skipped;

    public KafkaInbox(MongoDatabase database, CloudEventCodec codec, List<InboundEventHandler> handlers,
                      MeterRegistry meters) {
        this.inbox = database.getCollection(INBOX);
        this.codec = codec;
        this.handlers = handlers;
        this.handled = Counter.builder("treaty.inbox.handled").register(meters);
        this.duplicates = Counter.builder("treaty.inbox.duplicates").register(meters);
        this.skipped = Counter.builder("treaty.inbox.skipped")
                .description("records of unknown types or not CloudEvents").register(meters);
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        Optional<InboundEvent> decoded;
        try {
            decoded = codec.decode(record.value());
        } catch (IllegalArgumentException e) {
            // A record no consumer can read would block its partition forever if retried: log it and go on.
            log.error("Skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            skipped.increment();
            return;
        }
        if (decoded.isEmpty()) {
            skipped.increment();
            return;
        }
        InboundEvent event = decoded.get();
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
