package org.treatyregistry.platform.operations;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * A processor's segments as the shared token store holds them (read, never claimed): who holds each claim, and
 * where each token stands, replays included. Every instance of a service reads the same, whichever segments it
 * holds itself.
 */
public final class ProcessorTokens {

    /** Axon's {@code MongoTokenStore} default: a claim not extended for this long may be taken over. */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    /** This instance, as the token store names a claim's owner (the store's default node id). */
    public static final String THIS_INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    /**
     * One segment's token: its owner while the claim is live ({@code null} once released or expired), the position
     * reached, and while it replays, the position at which the replay ends.
     */
    public record SegmentToken(int segment, String owner, Instant claimedAt, OptionalLong position,
                               boolean replaying, OptionalLong resetPosition) {
    }

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;

    public ProcessorTokens(MongoDatabase serviceDatabase, Serializer serializer) {
        this.tokens = serviceDatabase.getCollection("trackingtokens");
        this.serializer = serializer;
    }

    public List<SegmentToken> of(String processor) {
        List<SegmentToken> segments = new ArrayList<>();
        Instant now = Instant.now();
        for (Document entry : tokens.find(Filters.eq("processorName", processor))) {
            Object segment = entry.get("segment");
            if (!(segment instanceof Number number)) {
                continue; // the store's own configuration entry
            }
            Instant claimedAt = entry.get("timestamp") instanceof Number millis
                    ? Instant.ofEpochMilli(millis.longValue()) : null;
            String owner = entry.getString("owner");
            boolean live = owner != null && claimedAt != null && claimedAt.plus(CLAIM_TIMEOUT).isAfter(now);
            TrackingToken token = token(entry);
            OptionalLong reset = token instanceof ReplayToken replay && replay.getTokenAtReset() != null
                    ? replay.getTokenAtReset().position() : OptionalLong.empty();
            segments.add(new SegmentToken(number.intValue(), live ? owner : null, claimedAt,
                    token == null ? OptionalLong.empty() : token.position(), token instanceof ReplayToken, reset));
        }
        segments.sort(Comparator.comparingInt(SegmentToken::segment));
        return segments;
    }

    /** The instances other than this one holding live claims on the processor's segments. */
    public List<String> heldElsewhere(String processor) {
        return of(processor).stream().map(SegmentToken::owner)
                .filter(owner -> owner != null && !owner.equals(THIS_INSTANCE)).distinct().sorted().toList();
    }

    private TrackingToken token(Document entry) {
        Object token = entry.get("token");
        if (token == null) {
            return null;
        }
        byte[] bytes = token instanceof Binary binary ? binary.getData() : (byte[]) token;
        return serializer.deserialize(
                new SimpleSerializedObject<>(bytes, byte[].class, entry.getString("tokenType"), null));
    }
}
