package org.treatyregistry.platform.proof;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Reads a processor's stored tracking tokens from the service's database, without claiming them: the position of
 * the segment that handles one aggregate's events (each segment of a pooled processor has its own token, and the
 * others move on past events that are not theirs).
 */
final class Tokens {

    private Tokens() {
    }

    /** The stored position of the segment of {@code processor} that handles aggregate {@code aggregateId}. */
    static OptionalLong position(MongoDatabase database, Serializer serializer, String processor, String aggregateId) {
        Map<Integer, OptionalLong> positions = new HashMap<>();
        for (Document entry : database.getCollection("trackingtokens").find(new Document("processorName", processor))) {
            Object token = entry.get("token");
            OptionalLong position = OptionalLong.empty();
            if (token != null) {
                byte[] bytes = token instanceof Binary binary ? binary.getData() : (byte[]) token;
                TrackingToken tracking = serializer.deserialize(
                        new SimpleSerializedObject<>(bytes, byte[].class, entry.getString("tokenType"), null));
                position = tracking == null ? OptionalLong.empty() : tracking.position();
            }
            positions.put(entry.getInteger("segment"), position);
        }
        List<Integer> ids = new ArrayList<>(positions.keySet());
        for (Segment segment : Segment.computeSegments(ids.stream().mapToInt(Integer::intValue).toArray())) {
            if (segment.matches(aggregateId)) {
                return positions.get(segment.getSegmentId());
            }
        }
        throw new AssertionError("no segment of " + processor + " handles " + aggregateId);
    }
}
