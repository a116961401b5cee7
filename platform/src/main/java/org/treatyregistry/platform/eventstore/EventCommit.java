package org.treatyregistry.platform.eventstore;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * One commit of the event store as one MongoDB document: every event of a post, so that the post is stored whole
 * or not at all on any MongoDB, a standalone and mongo-java-server included (a single-document write is atomic
 * everywhere; multi-document transactions need a replica set). The document keys what must stay unique across the
 * store in arrays under unique indexes: {@code positions} (global positions, the first also the {@code _id}),
 * {@code aggregateKeys} ({@code <aggregate>#<sequence>}, optimistic concurrency per stream) and, for posted facts,
 * {@code clientKeys} ({@code <client id>#<n>}, the idempotency key). A clash on any of them refuses the whole
 * commit. See decision 0021.
 */
public final class EventCommit {

    public static final String POSITIONS = "positions";
    static final String AGGREGATE_KEYS = "aggregateKeys";
    public static final String CLIENT_KEYS = "clientKeys";
    static final String EVENTS = "events";
    public static final String STORED_AT = "storedAt";
    static final String LAST = "last";
    static final String GIVEN_UP = "givenUp";

    private EventCommit() {
    }

    /** The event without its position, which is set once its commit's positions are reserved. */
    static Document event(EventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        String aggregateId;
        long sequence;
        String type;
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
            aggregateId = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
            type = domainEvent.getType();
        } else {
            aggregateId = event.getIdentifier();
            sequence = 0;
            type = null;
        }
        Document document = new Document("position", null)
                .append("aggregateKey", aggregateKey(aggregateId, sequence))
                .append("aggregateIdentifier", aggregateId)
                .append("sequenceNumber", sequence)
                .append("type", type)
                .append("eventIdentifier", event.getIdentifier())
                .append("timestamp", event.getTimestamp().toString())
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("metaData", metaData.getData())
                .append(EventLeaf.ENVELOPE, EventLeaf.envelope(event));
        Object clientKey = event.getMetaData().get(MongoEventStorageEngine.CLIENT_KEY);
        if (clientKey != null) {
            document.append(MongoEventStorageEngine.CLIENT_KEY, clientKey.toString())
                    .append(MongoEventStorageEngine.FINGERPRINT,
                            String.valueOf(event.getMetaData().get(MongoEventStorageEngine.FINGERPRINT)));
        }
        return document;
    }

    /**
     * The commit of {@code events} at the consecutive positions from {@code first}, each with its transparency-log
     * leaf, which needs its position.
     */
    public static Document of(long first, List<Document> events, Date storedAt, String source) {
        List<Long> positions = new ArrayList<>(events.size());
        List<String> aggregateKeys = new ArrayList<>(events.size());
        List<String> clientKeys = new ArrayList<>();
        long position = first;
        for (Document event : events) {
            event.put("position", position);
            if (event.containsKey(EventLeaf.ENVELOPE)) {
                // An event moved from an earlier store shape has no envelope: its leaf is made when it is logged.
                event.put(EventLeaf.LEAF, EventLeaf.of(event, source));
            }
            positions.add(position++);
            aggregateKeys.add(event.getString("aggregateKey"));
            if (event.containsKey(MongoEventStorageEngine.CLIENT_KEY)) {
                clientKeys.add(event.getString(MongoEventStorageEngine.CLIENT_KEY));
            }
        }
        Document commit = new Document("_id", first).append(LAST, position - 1).append(POSITIONS, positions)
                .append(AGGREGATE_KEYS, aggregateKeys);
        if (!clientKeys.isEmpty()) {
            // absent rather than empty: the unique index is sparse, and it would index an empty array as one key
            commit.append(CLIENT_KEYS, clientKeys);
        }
        return commit.append(STORED_AT, storedAt).append(EVENTS, events);
    }

    /**
     * The commits holding any of {@code keys} in the array {@code field}, each once: their ids first, then their
     * documents. mongo-java-server answers an {@code $in} on an array with a document once per value it matched,
     * so asking for whole documents at once would send a large commit over the wire as often as it has keys asked.
     */
    public static List<Document> withAny(MongoCollection<Document> commits, String field, Collection<?> keys) {
        Set<Object> ids = new LinkedHashSet<>();
        for (Document id : commits.find(in(field, keys)).projection(Projections.include("_id"))) {
            ids.add(id.get("_id"));
        }
        return ids.isEmpty() ? List.of() : commits.find(in("_id", ids)).into(new ArrayList<>());
    }

    /**
     * A run of consecutive positions given up by a tracker (no commit landed there within the gap timeout): it
     * holds the positions under their unique index, so a commit that arrives later still is refused instead of
     * being stored where no tracker will ever read it.
     */
    static Document givenUp(long first, long last, Date at) {
        List<Long> positions = new ArrayList<>();
        for (long position = first; position <= last; position++) {
            positions.add(position);
        }
        return new Document("_id", first).append(LAST, last).append(POSITIONS, positions).append(GIVEN_UP, true)
                .append(STORED_AT, at).append(EVENTS, List.of());
    }

    /**
     * The stored documents of these events, by event id, found by their stream and sequence number (a unique key):
     * a tracking token's position is the furthest one its processor has seen, not the position of an event that
     * filled a gap behind it, so the store is asked for the event itself.
     */
    public static Map<String, Document> stored(MongoCollection<Document> commits,
                                               Collection<? extends EventMessage<?>> events) {
        List<String> keys = new ArrayList<>();
        for (EventMessage<?> event : events) {
            keys.add(event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null
                    ? aggregateKey(domain.getAggregateIdentifier(), domain.getSequenceNumber())
                    : aggregateKey(event.getIdentifier(), 0));
        }
        Map<String, Document> found = new HashMap<>();
        for (Document commit : withAny(commits, AGGREGATE_KEYS, keys)) {
            events(commit).forEach(event -> found.put(event.getString("eventIdentifier"), event));
        }
        return found;
    }

    /** The commit's events, in position order. */
    public static List<Document> events(Document commit) {
        return commit.getList(EVENTS, Document.class);
    }

    /** The events of {@code commits} that {@code wanted} accepts. */
    static List<Document> events(Collection<Document> commits, Predicate<Document> wanted) {
        List<Document> found = new ArrayList<>();
        for (Document commit : commits) {
            for (Document event : events(commit)) {
                if (wanted.test(event)) {
                    found.add(event);
                }
            }
        }
        return found;
    }

    public static long position(Document event) {
        return event.get("position", Number.class).longValue();
    }

    static long lastPosition(Document commit) {
        List<Document> events = events(commit);
        return position(events.get(events.size() - 1));
    }

    static String aggregateKey(String aggregateId, long sequence) {
        return aggregateId + "#" + sequence;
    }

    static GenericDomainEventEntry<String> entry(Document event) {
        return entry(event, event.getString("metaData"));
    }

    /**
     * As {@link #entry}, for a tracking reader: its metadata also names the position the event is stored at
     * ({@link MongoEventStorageEngine#STORED_POSITION}), which its tracking token does not: for an event that fills a
     * gap, the token's position is the furthest one read.
     */
    static GenericDomainEventEntry<String> trackedEntry(Document event) {
        String metaData = event.getString("metaData").strip();
        String stored = "\"" + MongoEventStorageEngine.STORED_POSITION + "\":" + position(event);
        // The metadata is a JSON object as the serializer wrote it: the position becomes its first member.
        return entry(event, "{" + stored + (metaData.equals("{}") ? "}" : "," + metaData.substring(1)));
    }

    private static GenericDomainEventEntry<String> entry(Document event, String metaData) {
        return new GenericDomainEventEntry<>(
                event.getString("type"),
                event.getString("aggregateIdentifier"),
                event.get("sequenceNumber", Number.class).longValue(),
                event.getString("eventIdentifier"),
                event.getString("timestamp"),
                event.getString("payloadType"),
                event.getString("payloadRevision"),
                event.getString("payload"),
                metaData);
    }
}
