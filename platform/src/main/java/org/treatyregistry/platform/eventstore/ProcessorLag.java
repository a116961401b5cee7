package org.treatyregistry.platform.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * How many positions of the store a processor has still to handle: the head less the lowest position among its
 * segments' tokens, read from the shared token store (without claiming them), so that every instance of a service
 * reports the same figure whichever segments it holds. A segment with no token yet counts from the start.
 */
public final class ProcessorLag {

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    private final LongSupplier head;

    /** @param head the store's head: the last position reserved */
    public ProcessorLag(MongoDatabase serviceDatabase, Serializer serializer, LongSupplier head) {
        this.tokens = serviceDatabase.getCollection("trackingtokens");
        this.serializer = serializer;
        this.head = head;
    }

    public long of(String processor) {
        long lowest = Long.MAX_VALUE;
        for (Document entry : tokens.find(Filters.eq("processorName", processor))) {
            lowest = Math.min(lowest, position(entry));
        }
        return lowest == Long.MAX_VALUE ? 0 : Math.max(0, head.getAsLong() - lowest);
    }

    private long position(Document entry) {
        Object token = entry.get("token");
        if (token == null) {
            return -1;
        }
        byte[] bytes = token instanceof Binary binary ? binary.getData() : (byte[]) token;
        TrackingToken tracking = serializer.deserialize(
                new SimpleSerializedObject<>(bytes, byte[].class, entry.getString("tokenType"), null));
        return tracking == null ? -1 : tracking.position().orElse(-1);
    }
}
