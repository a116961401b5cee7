package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.ingestion.BatchIngestion;
import org.treatyregistry.platform.ingestion.IngestionLog;
import org.treatyregistry.platform.ingestion.ItemError;
import org.treatyregistry.platform.ingestion.PendingFact;

/**
 * A post is stored whole or not at all on real MongoDB too: a single-node replica set, as compose runs it, written
 * with journaled majority writes. The store fails a correction at its second event (another writer holds that
 * place in the stream): nothing of it is stored, and its re-post is not answered "already recorded" from a
 * retraction alone. Skipped, saying so, where no Docker engine runs; never the proof that passes (the embedded
 * store's proofs are {@code BatchIngestionTest} in platform).
 */
@Testcontainers(disabledWithoutDocker = true)
class AtomicPostsOnAReplicaSetTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0.12");

    private MongoClient client;
    private MongoDatabase database;
    private MongoEventStorageEngine engine;
    private BatchIngestion ingestion;

    @BeforeEach
    void connect() {
        client = MongoClients.create(MONGO.getReplicaSetUrl("atomic") + "?w=majority&journal=true");
        database = client.getDatabase("atomic-" + UUID.randomUUID());
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        engine = MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                .snapshotSerializer(serializer).build();
        ingestion = new BatchIngestion(new IngestionLog(database), Clock.systemUTC());
    }

    @AfterEach
    void disconnect() {
        database.drop();
        client.close();
    }

    @Test
    void aCorrectionThatFailsAtItsSecondEventStoresNothing() {
        engine.appendEvents(new GenericDomainEventMessage<>("State", "UKR", 1, "taken by another writer"));
        String clientId = UUID.randomUUID().toString();

        assertThatThrownBy(() -> engine.inOneWrite(List.of(), () -> correct(clientId)))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(engine.readEvents(null, false).count()).isEqualTo(1);
        assertThat(ingestion.known(List.of(clientId), id -> id).contains(clientId)).isFalse();
    }

    @Test
    void aPostThatClashesOnItsLastStreamStoresNothingOfTheOthers() {
        engine.appendEvents(new GenericDomainEventMessage<>("State", "POL", 0, "recorded by another post"));

        assertThatThrownBy(() -> engine.appendEvents(
                new GenericDomainEventMessage<>("State", "KHM", 0, "first"),
                new GenericDomainEventMessage<>("State", "LTU", 0, "second"),
                new GenericDomainEventMessage<>("State", "POL", 0, "third")))
                .isInstanceOf(RuntimeException.class);

        assertThat(engine.readEvents("KHM").asStream()).isEmpty();
        assertThat(engine.readEvents("LTU").asStream()).isEmpty();
    }

    /** A correction: one client id, two events in the State's stream (the retraction, then the corrected fact). */
    private List<BatchIngestion.Outcome> correct(String clientId) {
        return ingestion.ingest(List.of(clientId), "integration", new BatchIngestion.Batch<>() {
            private String fingerprint;

            @Override
            public String clientId(String item) {
                return item;
            }

            @Override
            public String fingerprint(String item) {
                return "a correction of Ukraine's signature";
            }

            @Override
            public List<ItemError> check(int index, String item, String fingerprint) {
                this.fingerprint = fingerprint;
                return List.of();
            }

            @Override
            public void record() {
                TreatySigned fact = new TreatySigned("UKR", "Ukraine", LocalDate.of(1999, 2, 24), null, "corrected");
                engine.appendEvents(
                        new GenericDomainEventMessage<>("State", "UKR", 0, fact,
                                new PendingFact(fact, clientId, fingerprint, 0).metaData()),
                        new GenericDomainEventMessage<>("State", "UKR", 1, fact,
                                new PendingFact(fact, clientId, fingerprint, 1).metaData()));
            }
        });
    }
}
