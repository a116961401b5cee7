package org.treatyregistry.platform.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.treatyregistry.platform.instances.ServiceLock;

/**
 * Brings a store written by earlier versions to the commit documents of {@link EventCommit}, once, before the
 * engine starts: first the client ids of the oldest stores, kept in a separate {@code ingestions} collection, move
 * onto their events; then each event document of {@code domainevents} becomes a commit of its own (their commits'
 * boundaries were not recorded). Every step can run again after a crash: commits are upserted by position and
 * each old collection is dropped only once copied. Run under the service's lock, so two instances starting
 * together do not race it.
 */
final class LegacyStoreMigration {

    static final String OLD_EVENTS = "domainevents";
    static final String OLD_CLIENT_IDS = "ingestions";

    private LegacyStoreMigration() {
    }

    /** Migrates under the service's lock, if the store holds anything of an earlier version. */
    static void migrateIfNeeded(MongoDatabase database, String source) {
        if (hasLegacyCollections(database)) {
            new ServiceLock(database).exclusively("event-store-migration", () -> {
                migrate(database, source);
                return null;
            });
        }
    }

    private static boolean hasLegacyCollections(MongoDatabase database) {
        List<String> collections = database.listCollectionNames().into(new ArrayList<>());
        return collections.contains(OLD_CLIENT_IDS) || collections.contains(OLD_EVENTS);
    }

    private static void migrate(MongoDatabase database, String source) {
        List<String> collections = database.listCollectionNames().into(new ArrayList<>());
        if (collections.contains(OLD_CLIENT_IDS)) {
            moveClientIdsOntoEvents(database);
        }
        if (collections.contains(OLD_EVENTS)) {
            MongoCollection<Document> commits = database.getCollection(MongoEventStorageEngine.COMMITS);
            MongoCollection<Document> old = database.getCollection(OLD_EVENTS);
            for (Document event : old.find().sort(new Document("_id", 1))) {
                long position = event.get("_id", Number.class).longValue();
                Document commit = EventCommit.of(position, List.of(asEvent(event)), event.getDate("storedAt"),
                        source);
                commits.replaceOne(eq("_id", position), commit, new ReplaceOptions().upsert(true));
            }
            old.drop();
        }
    }

    private static Document asEvent(Document old) {
        Document event = new Document(old);
        event.remove("_id");
        event.remove("storedAt");
        return event;
    }

    /** Client ids the oldest stores kept apart, with a fingerprint of the first event of each, in sequence order. */
    private static void moveClientIdsOntoEvents(MongoDatabase database) {
        MongoCollection<Document> events = database.getCollection(OLD_EVENTS);
        MongoCollection<Document> old = database.getCollection(OLD_CLIENT_IDS);
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
                fields.append(MongoEventStorageEngine.FINGERPRINT,
                        MongoEventStorageEngine.fingerprint(logged.getString("fingerprint")));
            }
            events.updateOne(eq("_id", event.get("_id")), new Document("$set", fields));
        }
        old.drop();
    }
}
