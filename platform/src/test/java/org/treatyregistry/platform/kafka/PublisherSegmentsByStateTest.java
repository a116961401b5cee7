package org.treatyregistry.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.UUID;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.platform.TestInfrastructure;

/**
 * The publisher's segments changed from splitting the store by stream to splitting it by State. An event that
 * moved to a segment whose token is past it would never be published: on the first start after the change every
 * segment goes back to the lowest token (the events between are published again, and dropped by id downstream),
 * and never again after.
 */
class PublisherSegmentsByStateTest {

    private static final String PUBLISHER = KafkaEventPublisher.PROCESSING_GROUP;

    private MongoClient client;
    private MongoDatabase database;
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();

    @BeforeEach
    void connect() {
        client = MongoClients.create(TestInfrastructure.mongoBaseUri());
        database = client.getDatabase("segments-" + UUID.randomUUID());
        tokens.initializeTokenSegments(PUBLISHER, 2);
    }

    @AfterEach
    void disconnect() {
        database.drop();
        client.close();
    }

    @Test
    void everySegmentStartsAgainFromTheLowestTokenOnceAndOnlyOnce() {
        tokens.storeToken(new GlobalSequenceTrackingToken(10), PUBLISHER, 0);
        tokens.storeToken(new GlobalSequenceTrackingToken(20), PUBLISHER, 1);

        PublisherSegmentsByState.alignTokensOnce(database, tokens);

        assertThat(tokens.fetchToken(PUBLISHER, 0)).isEqualTo(new GlobalSequenceTrackingToken(10));
        assertThat(tokens.fetchToken(PUBLISHER, 1)).as("the segment that was ahead")
                .isEqualTo(new GlobalSequenceTrackingToken(10));

        tokens.storeToken(new GlobalSequenceTrackingToken(30), PUBLISHER, 1);
        PublisherSegmentsByState.alignTokensOnce(database, tokens);
        assertThat(tokens.fetchToken(PUBLISHER, 1)).as("after the change, tokens are the processor's own")
                .isEqualTo(new GlobalSequenceTrackingToken(30));
    }

    @Test
    void aSegmentThatHasNotStartedTakesEveryOtherBackToTheStart() {
        tokens.storeToken(new GlobalSequenceTrackingToken(20), PUBLISHER, 1);

        PublisherSegmentsByState.alignTokensOnce(database, tokens);

        assertThat(tokens.fetchToken(PUBLISHER, 0)).isNull();
        assertThat(tokens.fetchToken(PUBLISHER, 1)).isNull();
    }
}
