package org.treatyregistry.platform.kafka;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treatyregistry.platform.failures.Failures;

/**
 * The inbox's partitions that are stuck on a record: since when, which record, and why. A record that fails is
 * retried with back-off (transient) or dead-lettered (poison) by the container's error handler; while it fails,
 * the partition's later records wait. Kept in the service's MongoDB ({@code inbox_failures}, one document per
 * partition, addressed by {@code _id}), so every instance reports the same whichever instance holds the partition;
 * cleared when a poll of the partition goes through, or its record is dead-lettered. If MongoDB cannot be written
 * (often the very cause), this instance still reports its own from memory.
 */
public class InboxFailures {

    static final String COLLECTION = "inbox_failures";
    private static final Logger LOG = LoggerFactory.getLogger(InboxFailures.class);

    /**
     * A partition of the inbox stuck on one record.
     *
     * @param since        when that record first failed (in a run of failures on it)
     * @param lastFailedAt when it failed last
     * @param attempts     how many times it failed
     * @param retried      true while it is retried (transient); false for poison on its way to the dead letters
     * @param instance     the instance that reported it
     */
    public record Failure(String topic, int partition, long offset, String key, String eventId, String eventType,
                          String error, boolean retried, Instant since, Instant lastFailedAt, long attempts,
                          String instance) {
    }

    private final MongoCollection<Document> failures;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();
    /** This instance's own failures, and the partitions it holds that another instance reported failing. */
    private final Map<String, Failure> local = new ConcurrentHashMap<>();

    public InboxFailures(MongoDatabase database) {
        this.failures = database.getCollection(COLLECTION);
    }

    /** Every partition of the inbox stuck on a record, reported by any instance; oldest first. */
    public List<Failure> current() {
        Map<String, Failure> all = new LinkedHashMap<>();
        try {
            failures.find().forEach(document -> all.put(document.getString("_id"), failure(document)));
        } catch (RuntimeException e) {
            LOG.debug("Inbox failures could not be read from MongoDB; reporting this instance's own", e);
        }
        local.forEach((id, failure) -> all.merge(id, failure,
                (stored, own) -> own.lastFailedAt().isAfter(stored.lastFailedAt()) ? own : stored));
        List<Failure> sorted = new ArrayList<>(all.values());
        sorted.sort(Comparator.comparing(Failure::since));
        return sorted;
    }

    /** A record failed: recorded for its partition, continuing the run if the same record failed before. */
    void failed(ConsumerRecord<String, byte[]> record, InboundEvent event, Throwable failure) {
        String id = idOf(record.topic(), record.partition());
        Instant now = Instant.now();
        Failure before = local.get(id);
        boolean sameRecord = before != null && before.offset() == record.offset();
        Failure latest = new Failure(record.topic(), record.partition(), record.offset(), record.key(),
                event == null ? null : event.id(), event == null ? null : event.type(), Failures.describe(failure),
                Failures.isTransient(failure), sameRecord ? before.since() : now, now,
                sameRecord ? before.attempts() + 1 : 1, instance);
        local.put(id, latest);
        try {
            failures.replaceOne(eq("_id", id), document(id, latest), new ReplaceOptions().upsert(true));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Partitions this instance now holds: any failure another instance reported for them is this one's to clear. */
    void assigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        List<String> ids = partitions.stream().map(p -> idOf(p.topic(), p.partition())).toList();
        try {
            failures.find(in("_id", ids)).forEach(document -> local.putIfAbsent(document.getString("_id"),
                    failure(document)));
        } catch (RuntimeException e) {
            LOG.warn("Could not read the inbox failures of newly assigned partitions {}", ids, e);
        }
    }

    /** Partitions this instance no longer holds: whoever holds them now reports them. */
    void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> local.remove(idOf(p.topic(), p.partition())));
    }

    /** Records of these partitions went through (handled, or dead-lettered): they are not stuck any more. */
    void passed(Collection<TopicPartition> partitions) {
        List<String> ids = partitions.stream().map(p -> idOf(p.topic(), p.partition())).distinct()
                .filter(local::containsKey).toList();
        if (ids.isEmpty()) {
            return;
        }
        try {
            failures.deleteMany(in("_id", ids));
            ids.forEach(local::remove);
        } catch (RuntimeException e) {
            LOG.warn("Could not clear the inbox failures of partitions {}; trying again after their next poll", ids, e);
        }
    }

    private static String idOf(String topic, int partition) {
        return topic + "-" + partition;
    }

    private static Document document(String id, Failure failure) {
        return new Document("_id", id).append("topic", failure.topic()).append("partition", failure.partition())
                .append("offset", failure.offset()).append("key", failure.key())
                .append("eventId", failure.eventId()).append("eventType", failure.eventType())
                .append("error", failure.error()).append("retried", failure.retried())
                .append("since", Date.from(failure.since())).append("lastFailedAt", Date.from(failure.lastFailedAt()))
                .append("attempts", failure.attempts()).append("instance", failure.instance());
    }

    private static Failure failure(Document document) {
        return new Failure(document.getString("topic"), document.getInteger("partition"), document.getLong("offset"),
                document.getString("key"), document.getString("eventId"), document.getString("eventType"),
                document.getString("error"), document.getBoolean("retried", true),
                document.getDate("since").toInstant(), document.getDate("lastFailedAt").toInstant(),
                document.getLong("attempts"), document.getString("instance"));
    }
}
