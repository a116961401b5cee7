package org.treatyregistry.platform.kafka;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.Date;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treatyregistry.platform.instances.ServiceLock;

/**
 * The publisher's segments once split the store by stream; they split it by State now. An event then may belong to
 * another segment than before: one whose new segment's token is past it, but whose old segment had not reached it,
 * would never be published. So once, before the processors start, every segment's token goes back to the lowest of
 * them: the events between are published again, and readers drop them by id. Marked done in
 * {@code platform_changes}, under the service's lock.
 */
final class PublisherSegmentsByState {

    static final String CHANGES = "platform_changes";
    static final String CHANGE = "kafka-publisher-segments-by-state";
    private static final Logger LOG = LoggerFactory.getLogger(PublisherSegmentsByState.class);

    private PublisherSegmentsByState() {
    }

    static void alignTokensOnce(MongoDatabase database, TokenStore tokens) {
        MongoCollection<Document> changes = database.getCollection(CHANGES);
        if (changes.find(eq("_id", CHANGE)).first() != null) {
            return;
        }
        new ServiceLock(database).exclusively(CHANGE, () -> {
            if (changes.find(eq("_id", CHANGE)).first() == null) {
                alignTokens(tokens);
                changes.insertOne(new Document("_id", CHANGE).append("at", new Date()));
            }
            return null;
        });
    }

    private static void alignTokens(TokenStore tokens) {
        String processor = KafkaEventPublisher.PROCESSING_GROUP;
        int[] segments = tokens.fetchSegments(processor);
        if (segments.length < 2) {
            return;
        }
        TrackingToken lowest = null;
        boolean fromStart = false;
        for (int segment : segments) {
            TrackingToken token = tokens.fetchToken(processor, segment);
            if (token == null) {
                fromStart = true;
            } else {
                lowest = lowest == null ? token : lowest.lowerBound(token);
            }
        }
        TrackingToken aligned = fromStart ? null : lowest;
        for (int segment : segments) {
            tokens.storeToken(aligned, processor, segment);
            tokens.releaseClaim(processor, segment);
        }
        LOG.info("Kafka publisher: its segments now split the store by State; every segment starts again from {}",
                aligned == null ? "the start" : aligned);
    }
}
