package org.treatyregistry.platform.kafka;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.size;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The inbox's dead letters, in the service's {@code inbox_dead_letters} collection: one document per sequence
 * (a producing topic and a record key, i.e. one State of one service), holding its records in arrival order with
 * the reason each could not be handled. While a sequence holds a record, the inbox adds the sequence's later
 * records behind it unhandled, so that a State's events are never applied out of order (decision 0013). Every
 * read and write is by {@code _id}.
 */
public class InboxDeadLetters {

    static final String COLLECTION = "inbox_dead_letters";
    public static final String WAITING = "waiting behind an earlier dead letter of its sequence";

    /** One record held back: its id (topic-partition@offset), event id and type if it could be read, and why. */
    public record Letter(String letter, String eventId, String type, String reason, Instant deadLetteredAt,
                         String topic, int partition, long offset, String key, byte[] value) {
    }

    public record Sequence(String sequence, List<Letter> letters) {
    }

    private final MongoCollection<Document> letters;

    public InboxDeadLetters(MongoDatabase database) {
        this.letters = database.getCollection(COLLECTION);
    }

    static String sequenceOf(ConsumerRecord<String, byte[]> record) {
        return record.topic() + "|" + (record.key() != null ? record.key() : "#" + record.partition());
    }

    /** Which of {@code sequences} hold dead letters, in one query. */
    Set<String> holding(Collection<String> sequences) {
        Set<String> holding = new HashSet<>();
        letters.find(in("_id", Set.copyOf(sequences))).projection(new Document("_id", 1))
                .forEach(document -> holding.add(document.getString("_id")));
        return holding;
    }

    void add(ConsumerRecord<String, byte[]> record, String eventId, String type, String reason) {
        Document letter = new Document("letter", record.topic() + "-" + record.partition() + "@" + record.offset())
                .append("eventId", eventId).append("type", type).append("reason", reason)
                .append("deadLetteredAt", new Date())
                .append("topic", record.topic()).append("partition", record.partition())
                .append("offset", record.offset()).append("key", record.key())
                .append("value", new Binary(record.value() == null ? new byte[0] : record.value()));
        letters.updateOne(eq("_id", sequenceOf(record)), Updates.combine(Updates.push("letters", letter),
                Updates.inc("version", 1)), new UpdateOptions().upsert(true));
    }

    public List<Sequence> all() {
        List<Sequence> all = new ArrayList<>();
        letters.find().forEach(document -> all.add(sequence(document)));
        return all;
    }

    public long count() {
        return all().stream().mapToLong(sequence -> sequence.letters().size()).sum();
    }

    Sequence find(String sequence) {
        Document document = letters.find(eq("_id", sequence)).first();
        return document == null ? null : sequence(document);
    }

    /** Removes a letter that was handled, or that an operator discarded; the sequence goes with its last letter. */
    boolean remove(String sequence, String letter) {
        boolean removed = letters.updateOne(eq("_id", sequence), Updates.combine(
                Updates.pull("letters", new Document("letter", letter)), Updates.inc("version", 1)))
                .getModifiedCount() > 0;
        letters.deleteOne(and(eq("_id", sequence), size("letters", 0)));
        return removed;
    }

    /** An operator's decision to drop a letter for good; false if it is not held. */
    public boolean discard(String sequence, String letter) {
        return remove(sequence, letter);
    }

    /** A retried letter failed again: it stays first in its sequence, with the new reason. */
    void failedAgain(String sequence, String letter, String reason) {
        letters.updateOne(and(eq("_id", sequence), eq("letters.letter", letter)),
                Updates.set("letters.$.reason", reason));
    }

    private static Sequence sequence(Document document) {
        List<Letter> held = document.getList("letters", Document.class, List.of()).stream().map(l -> new Letter(
                l.getString("letter"), l.getString("eventId"), l.getString("type"), l.getString("reason"),
                l.getDate("deadLetteredAt").toInstant(), l.getString("topic"), l.getInteger("partition"),
                l.getLong("offset"), l.getString("key"), l.get("value", Binary.class).getData())).toList();
        return new Sequence(document.getString("_id"), held);
    }
}
