package org.treatyregistry.platform.ingestion;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.bson.Document;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;

/**
 * The client ids already recorded, read from the event store itself: each posted fact's first event carries
 * {@code <client id>#0} under a unique index, with a fingerprint of what was posted. There is no second write
 * to keep in step with the store, so no crash or race can leave the two disagreeing.
 */
public class IngestionLog {

    private static final String OLD_LOG = "ingestions";

    private final MongoCollection<Document> events;

    public IngestionLog(MongoDatabase serviceDatabase) {
        this.events = serviceDatabase.getCollection(MongoEventStorageEngine.EVENTS);
        migrateSeparateLog(serviceDatabase);
    }

    /**
     * Stores written before client ids moved into the event store kept them in a separate {@code ingestions}
     * collection: give their events the client key and fingerprint (in sequence order, for items that recorded
     * several events), then drop the old log. Runs once: the old collection is its marker.
     */
    private void migrateSeparateLog(MongoDatabase database) {
        if (!database.listCollectionNames().into(new java.util.ArrayList<>()).contains(OLD_LOG)) {
            return;
        }
        MongoCollection<Document> old = database.getCollection(OLD_LOG);
        Map<String, Integer> ordinals = new HashMap<>();
        for (Document event : events.find(exists(MongoEventStorageEngine.CLIENT_KEY, false))
                .sort(new Document("_id", 1))) {
            Object clientId = Document.parse(event.getString("metaData")).get("clientId");
            if (clientId == null) {
                continue;
            }
            int ordinal = ordinals.merge(clientId.toString(), 1, Integer::sum) - 1;
            Document logged = ordinal == 0 ? old.find(eq("_id", clientId.toString())).first() : null;
            Document fields = new Document(MongoEventStorageEngine.CLIENT_KEY, clientId + "#" + ordinal);
            if (logged != null) {
                fields.append(MongoEventStorageEngine.FINGERPRINT, fingerprint(logged.getString("fingerprint")));
            }
            events.updateOne(eq("_id", event.get("_id")), new Document("$set", fields));
        }
        old.drop();
    }

    /** Looked up with {@code $in} on the unique client key: served from an index everywhere. */
    Map<String, Entry> find(Collection<String> clientIds) {
        Map<String, Entry> found = new HashMap<>();
        for (Document d : events.find(in(MongoEventStorageEngine.CLIENT_KEY,
                clientIds.stream().map(id -> id + "#0").toList()))) {
            String key = d.getString(MongoEventStorageEngine.CLIENT_KEY);
            found.put(key.substring(0, key.length() - 2), new Entry(d.getString(MongoEventStorageEngine.FINGERPRINT),
                    Instant.parse(d.getString("timestamp"))));
        }
        return found;
    }

    /** A fingerprint fit to store with every fact: the SHA-256 of what was posted, canonically written. */
    public static String fingerprint(String posted) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(posted.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** {@code fingerprint} is null for facts recorded before fingerprints were kept with them. */
    record Entry(String fingerprint, Instant recordedAt) {
    }
}
