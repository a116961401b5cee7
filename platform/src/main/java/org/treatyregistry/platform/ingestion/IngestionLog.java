package org.treatyregistry.platform.ingestion;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** The client ids already recorded, with a fingerprint of what was posted under each. */
public class IngestionLog {

    private final MongoCollection<Document> ingestions;

    public IngestionLog(MongoDatabase serviceDatabase) {
        this.ingestions = serviceDatabase.getCollection("ingestions");
    }

    /** Looked up by {@code _id} with {@code $in}: served from the primary index everywhere. */
    Map<String, Entry> find(Collection<String> clientIds) {
        Map<String, Entry> found = new HashMap<>();
        for (Document d : ingestions.find(in("_id", List.copyOf(clientIds)))) {
            found.put(d.getString("_id"), new Entry(d.getString("fingerprint"), d.getDate("recordedAt").toInstant()));
        }
        return found;
    }

    /** Idempotent: a concurrent post of the same client id may have logged it first. */
    void record(String clientId, String fingerprint, String principal, Instant recordedAt) {
        try {
            ingestions.insertOne(new Document("_id", clientId)
                    .append("fingerprint", fingerprint)
                    .append("principal", principal)
                    .append("recordedAt", Date.from(recordedAt)));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    record Entry(String fingerprint, Instant recordedAt) {
    }
}
