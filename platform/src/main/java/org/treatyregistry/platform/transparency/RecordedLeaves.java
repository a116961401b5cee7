package org.treatyregistry.platform.transparency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.platform.eventstore.EventCommit;
import org.treatyregistry.platform.eventstore.EventLeaf;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;

/**
 * The leaves the event store gives now for logged entries: each made again from the event as it is stored, the
 * way it was made when it was appended ({@link EventLeaf}). What the log serves (entries, proofs) is this, never a
 * copy kept by the log, so that an event changed or deleted behind the API no longer hashes into the signed tree,
 * for anyone who checks.
 */
public class RecordedLeaves {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MongoCollection<Document> commits;
    private final String source;

    public RecordedLeaves(MongoDatabase serviceDatabase, String source) {
        this.commits = serviceDatabase.getCollection(MongoEventStorageEngine.COMMITS);
        this.source = source;
    }

    /** What the store holds now for an entry: its leaf, or why there is none. */
    public record Recorded(TransparencyLog.Entry entry, String leaf, String missing) {

        public boolean present() {
            return leaf != null;
        }

        /** Whether the store still gives the leaf the log hashed. */
        public boolean matchesLog() {
            return entry.leaf().equals(leaf);
        }
    }

    /** Each entry's leaf as the store gives it now, in the entries' order. */
    public List<Recorded> of(List<TransparencyLog.Entry> entries) {
        Map<Long, Document> stored = new HashMap<>();
        List<Long> positions = entries.stream().map(TransparencyLog.Entry::position).toList();
        if (!positions.isEmpty()) {
            for (Document commit : EventCommit.withAny(commits, EventCommit.POSITIONS, positions)) {
                EventCommit.events(commit).forEach(e -> stored.put(e.get("position", Number.class).longValue(), e));
            }
        }
        return entries.stream().map(entry -> {
            Document event = stored.get(entry.position());
            if (event == null) {
                return new Recorded(entry, null, "the event logged at " + entry.index() + " (" + entry.eventId()
                        + ") is no longer in the store at position " + entry.position() + ": deleted");
            }
            if (!entry.eventId().equals(event.getString("eventIdentifier"))) {
                return new Recorded(entry, null, "the store holds another event (" + event.getString(
                        "eventIdentifier") + ") at position " + entry.position() + " where " + entry.eventId()
                        + " was logged");
            }
            try {
                return new Recorded(entry, leafOf(event, entry), null);
            } catch (RuntimeException e) {
                // An event no leaf can be made of any more (its metadata or payload is not JSON, a field is gone)
                // was altered as surely as one whose leaf differs.
                return new Recorded(entry, null, "the event logged at " + entry.index() + " (" + entry.eventId()
                        + ") is unreadable in the store now: " + e.getMessage());
            }
        }).toList();
    }

    public Recorded of(TransparencyLog.Entry entry) {
        return of(List.of(entry)).get(0);
    }

    /**
     * The event's leaf now; an event stored before leaves were has no CloudEvents attributes of its own, and takes
     * the logged leaf's, which follow from its data (compared in full).
     */
    private String leafOf(Document event, TransparencyLog.Entry entry) {
        Document now = new Document(event);
        Document stored = now.get(EventLeaf.ENVELOPE, Document.class);
        if (stored != null) {
            // The type the store reads the payload as (its payloadType), not only the one written beside it: an event
            // relabelled as another type is read as that type, and must no longer match its leaf.
            Document envelope = new Document(stored);
            typeOf(now.getString("payloadType")).ifPresent(type -> envelope.put("type", type));
            now.put(EventLeaf.ENVELOPE, envelope);
        } else {
            Document envelope = new Document();
            JsonNode logged = parse(entry.leaf());
            for (String name : List.of("type", "subject", "legaltime")) {
                if (logged.hasNonNull(name)) {
                    envelope.append(name, logged.get(name).asText());
                }
            }
            now.put(EventLeaf.ENVELOPE, envelope);
        }
        return EventLeaf.of(now, source);
    }

    private static Optional<String> typeOf(String payloadType) {
        try {
            Class<?> type = Class.forName(payloadType, false, RecordedLeaves.class.getClassLoader());
            return StateEvent.class.isAssignableFrom(type) ? Optional.of(EventCatalog.typeOf(type))
                    : Optional.empty();
        } catch (ClassNotFoundException | RuntimeException e) {
            // A type this build no longer has under that name (renamed, and upcast on reading): the stored one stands.
            return Optional.empty();
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a leaf is not JSON", e);
        }
    }
}
