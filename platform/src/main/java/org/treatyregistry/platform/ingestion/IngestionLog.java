package org.treatyregistry.platform.ingestion;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.treatyregistry.platform.eventstore.EventCommit;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;

/**
 * The client ids already recorded, read from the event store itself: each posted fact's first event carries
 * {@code <client id>#0} under a unique index, with a fingerprint of what was posted. There is no second write
 * to keep in step with the store, so no crash or race can leave the two disagreeing; and a post's events are one
 * commit document, so a client id found means every event of its fact is stored.
 */
public class IngestionLog {

    private final MongoCollection<Document> commits;

    public IngestionLog(MongoDatabase serviceDatabase) {
        this.commits = serviceDatabase.getCollection(MongoEventStorageEngine.COMMITS);
    }

    /** Looked up with {@code $in} on the unique client keys: served from an index everywhere. */
    Map<String, Entry> find(Collection<String> clientIds) {
        List<String> keys = clientIds.stream().map(id -> id + "#0").toList();
        Map<String, Entry> found = new HashMap<>();
        for (Document commit : EventCommit.withAny(commits, EventCommit.CLIENT_KEYS, keys)) {
            for (Document event : EventCommit.events(commit)) {
                String key = event.getString(MongoEventStorageEngine.CLIENT_KEY);
                if (key != null && key.endsWith("#0")) {
                    found.put(key.substring(0, key.length() - 2), new Entry(
                            event.getString(MongoEventStorageEngine.FINGERPRINT),
                            Instant.parse(event.getString("timestamp"))));
                }
            }
        }
        found.keySet().retainAll(clientIds);
        return found;
    }

    /** A fingerprint fit to store with every fact: the SHA-256 of what was posted, canonically written. */
    public static String fingerprint(String posted) {
        return MongoEventStorageEngine.fingerprint(posted);
    }

    /** {@code fingerprint} is null for facts recorded before fingerprints were kept with them. */
    record Entry(String fingerprint, Instant recordedAt) {
    }
}
