package org.treatyregistry.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.platform.TestInfrastructure;

/**
 * The inbox's dead letters grow by a document per letter, never within one: a State whose records wait behind a
 * poison one for long (thousands of records) would otherwise outgrow MongoDB's 16 MB document, and every count
 * load them all. A sequence keeps its order, and is held while any of its letters is.
 */
class InboxDeadLettersTest {

    private static final String TOPIC = "apmbc.test.events";
    private static final String SEQUENCE = TOPIC + "|UKR";

    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void connect() {
        client = MongoClients.create(TestInfrastructure.mongoBaseUri());
        database = client.getDatabase("inbox-letters-" + UUID.randomUUID());
    }

    @AfterEach
    void disconnect() {
        database.drop();
        client.close();
    }

    @Test
    void eachLetterIsADocumentOfItsOwnAndASequenceKeepsItsOrder() {
        InboxDeadLetters letters = new InboxDeadLetters(database);
        letters.add(record(10), "e10", "T", "poison");
        letters.add(record(11), "e11", "T", InboxDeadLetters.WAITING);
        letters.add(record(12), "e12", "T", InboxDeadLetters.WAITING);

        List<Document> stored = new ArrayList<>();
        database.getCollection(InboxDeadLetters.COLLECTION).find().forEach(stored::add);
        assertThat(stored).as("one document per letter").hasSize(3)
                .allSatisfy(document -> assertThat(document.values()).noneMatch(List.class::isInstance));
        assertThat(letters.count()).isEqualTo(3);
        assertThat(letters.holding(List.of(SEQUENCE, TOPIC + "|POL"))).containsExactly(SEQUENCE);
        assertThat(letters.find(SEQUENCE).letters()).extracting(InboxDeadLetters.Letter::eventId)
                .containsExactly("e10", "e11", "e12");

        assertThat(letters.discard(SEQUENCE, TOPIC + "-0@11")).isTrue();
        assertThat(letters.remove(SEQUENCE, TOPIC + "-0@10")).isTrue();
        assertThat(letters.find(SEQUENCE).letters()).extracting(InboxDeadLetters.Letter::eventId)
                .containsExactly("e12");
        assertThat(letters.remove(SEQUENCE, TOPIC + "-0@12")).isTrue();
        assertThat(letters.holding(List.of(SEQUENCE))).as("the sequence goes with its last letter").isEmpty();
        assertThat(letters.count()).isZero();
    }

    @Test
    void aSequenceStoredWholeBeforeIsMovedToADocumentPerLetterAtStart() {
        List<Document> old = new ArrayList<>();
        for (long offset = 10; offset < 13; offset++) {
            old.add(new Document("letter", TOPIC + "-0@" + offset).append("eventId", "e" + offset)
                    .append("type", "T").append("reason", offset == 10 ? "poison" : InboxDeadLetters.WAITING)
                    .append("deadLetteredAt", new Date()).append("topic", TOPIC).append("partition", 0)
                    .append("offset", offset).append("key", "UKR").append("value", new Binary(new byte[0])));
        }
        database.getCollection(InboxDeadLetters.COLLECTION).insertOne(new Document("_id", SEQUENCE)
                .append("letters", old).append("version", 3));

        InboxDeadLetters letters = new InboxDeadLetters(database);

        assertThat(letters.holding(Set.of(SEQUENCE))).containsExactly(SEQUENCE);
        assertThat(letters.find(SEQUENCE).letters()).extracting(InboxDeadLetters.Letter::eventId)
                .containsExactly("e10", "e11", "e12");
        assertThat(database.getCollection(InboxDeadLetters.COLLECTION).countDocuments()).isEqualTo(3);
    }

    private static ConsumerRecord<String, byte[]> record(long offset) {
        return new ConsumerRecord<>(TOPIC, 0, offset, "UKR", ("record " + offset).getBytes());
    }
}
