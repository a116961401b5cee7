package org.treatyregistry.platform.kafka;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The inbox's dead letters: records held back with the reason each could not be handled, per sequence (a producing
 * topic and a record key, i.e. one State of one service), in arrival order. While a sequence holds a record, the
 * inbox adds the sequence's later records behind it unhandled, so that a State's events are never applied out of
 * order (decision 0013).
 * <p>
 * One document per letter ({@code inbox_dead_letters}, {@code _id} = sequence#n, n its place in the sequence), and
 * one per held sequence ({@code inbox_dead_letter_sequences}, {@code _id} = sequence, with the places of its first
 * and next letter): nothing grows within a document, however long a State waits. Every query is by {@code _id},
 * equality or {@code $in}, which both MongoDB and mongo-java-server serve from the index. A letter is stored before
 * its sequence names it, and a sequence is removed only if no letter was added meanwhile, so a sequence is held
 * while it has letters.
 */
public class InboxDeadLetters {

    static final String COLLECTION = "inbox_dead_letters";
    static final String SEQUENCES = "inbox_dead_letter_sequences";
    public static final String WAITING = "waiting behind an earlier dead letter of its sequence";
    private static final int IDS_PER_QUERY = 1_000;

    /**
     * One record held back: its id (topic-partition@offset), event id and type if it could be read, and why; and
     * the id of its document.
     */
    public record Letter(String letter, String eventId, String type, String reason, Instant deadLetteredAt,
                         String topic, int partition, long offset, String key, byte[] value, String id) {
    }

    public record Sequence(String sequence, List<Letter> letters) {
    }

    private final MongoCollection<Document> letters;
    private final MongoCollection<Document> sequences;

    public InboxDeadLetters(MongoDatabase database) {
        this.letters = database.getCollection(COLLECTION);
        this.sequences = database.getCollection(SEQUENCES);
        moveSequencesStoredWhole();
    }

    static String sequenceOf(ConsumerRecord<String, byte[]> record) {
        return record.topic() + "|" + (record.key() != null ? record.key() : "#" + record.partition());
    }

    /** Which of {@code sequences} hold dead letters, in one query. */
    Set<String> holding(Collection<String> sequences) {
        Set<String> holding = new HashSet<>();
        this.sequences.find(in("_id", Set.copyOf(sequences))).projection(new Document("_id", 1))
                .forEach(document -> holding.add(document.getString("_id")));
        return holding;
    }

    /**
     * Adds a record behind its sequence's letters; a record the sequence holds already is not added again. Returns
     * whether it is the sequence's first letter: for a record that came to wait behind an earlier one, that there
     * is none any more (a retry emptied the sequence between the inbox's look and this add).
     */
    boolean add(ConsumerRecord<String, byte[]> record, String eventId, String type, String reason) {
        String sequence = sequenceOf(record);
        Document held = sequences.find(eq("_id", sequence)).first();
        long n = held == null ? 0 : held.getLong("next");
        Document letter = new Document("sequence", sequence)
                .append("letter", letterOf(record)).append("eventId", eventId).append("type", type)
                .append("reason", reason).append("deadLetteredAt", new Date())
                .append("topic", record.topic()).append("partition", record.partition())
                .append("offset", record.offset()).append("key", record.key())
                .append("value", new Binary(record.value() == null ? new byte[0] : record.value()));
        while (!store(letter.append("_id", sequence + "#" + n).append("n", n))) {
            n++;
        }
        sequences.updateOne(eq("_id", sequence), Updates.combine(Updates.max("next", n + 1),
                Updates.setOnInsert("first", n)), new UpdateOptions().upsert(true));
        Document now = sequences.find(eq("_id", sequence)).first();
        return now != null && now.getLong("first") == n;
    }

    /** Stores the letter at its place; false if another letter has that place, true if this record has it. */
    private boolean store(Document letter) {
        try {
            letters.insertOne(letter);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Stored before, by a delivery whose sequence update did not land: the same record keeps its place.
            Document there = letters.find(eq("_id", letter.get("_id"))).first();
            return there != null && Objects.equals(there.getString("letter"), letter.getString("letter"));
        }
    }

    /** Every sequence with its letters: for operators, not for every scrape. */
    public List<Sequence> all() {
        List<Sequence> all = new ArrayList<>();
        sequences.find().forEach(document -> all.add(sequence(document)));
        return all;
    }

    /** How many letters are held: the collection's own count, which reads no document. */
    public long count() {
        return letters.estimatedDocumentCount();
    }

    Sequence find(String sequence) {
        Document held = sequences.find(eq("_id", sequence)).first();
        return held == null ? null : sequence(held);
    }

    /** Removes a letter that was handled, or that an operator discarded; the sequence goes with its last letter. */
    boolean remove(String sequence, String letter) {
        Document held = sequences.find(eq("_id", sequence)).first();
        if (held == null) {
            return false;
        }
        List<Letter> all = sequence(held).letters();
        Letter gone = all.stream().filter(l -> l.letter().equals(letter)).findFirst().orElse(null);
        if (gone == null) {
            return false;
        }
        letters.deleteOne(eq("_id", gone.id()));
        List<Letter> left = all.stream().filter(l -> l != gone).toList();
        if (left.isEmpty()) {
            // Unless a letter was added meanwhile (it moved "next" on), which keeps the sequence held.
            sequences.deleteOne(and(eq("_id", sequence), eq("next", held.getLong("next"))));
        } else {
            sequences.updateOne(eq("_id", sequence), Updates.set("first", placeOf(left.get(0))));
        }
        return true;
    }

    /** An operator's decision to drop a letter for good; false if it is not held. */
    public boolean discard(String sequence, String letter) {
        return remove(sequence, letter);
    }

    /** A retried letter failed again: it stays first in its sequence, with the new reason. */
    void failedAgain(Letter letter, String reason) {
        letters.updateOne(eq("_id", letter.id()), Updates.set("reason", reason));
    }

    /** The sequence's letters, in order: those at the places from its first to its next, a query per thousand. */
    private Sequence sequence(Document held) {
        String sequence = held.getString("_id");
        List<String> ids = LongStream.range(held.getLong("first"), held.getLong("next"))
                .mapToObj(n -> sequence + "#" + n).toList();
        List<Document> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            letters.find(in("_id", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))))
                    .forEach(found::add);
        }
        found.sort(Comparator.comparingLong(d -> d.getLong("n")));
        return new Sequence(sequence, found.stream().map(InboxDeadLetters::letter).toList());
    }

    private static long placeOf(Letter letter) {
        return Long.parseLong(letter.id().substring(letter.id().lastIndexOf('#') + 1));
    }

    private static String letterOf(ConsumerRecord<String, byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static Letter letter(Document l) {
        return new Letter(l.getString("letter"), l.getString("eventId"), l.getString("type"), l.getString("reason"),
                l.getDate("deadLetteredAt").toInstant(), l.getString("topic"), l.getInteger("partition"),
                l.getLong("offset"), l.getString("key"), l.get("value", Binary.class).getData(), l.getString("_id"));
    }

    /**
     * Sequences stored before as one document holding all their letters become a document per letter, once, at
     * start (before the inbox consumes). Safe to run on two instances at once: each step is idempotent.
     */
    private void moveSequencesStoredWhole() {
        List<Document> whole = new ArrayList<>();
        letters.find(exists("letters")).forEach(whole::add);
        for (Document old : whole) {
            String sequence = old.getString("_id");
            List<Document> held = old.getList("letters", Document.class, List.of());
            for (int n = 0; n < held.size(); n++) {
                Document letter = new Document(held.get(n)).append("_id", sequence + "#" + n)
                        .append("sequence", sequence).append("n", (long) n);
                store(letter);
            }
            if (!held.isEmpty()) {
                sequences.updateOne(eq("_id", sequence), Updates.combine(Updates.max("next", (long) held.size()),
                        Updates.setOnInsert("first", 0L)), new UpdateOptions().upsert(true));
            }
            letters.deleteOne(eq("_id", sequence));
        }
    }
}
