package org.treatyregistry.platform.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.treatyregistry.platform.ingestion.BatchIngestion.Outcome.Status.ALREADY_RECORDED;
import static org.treatyregistry.platform.ingestion.BatchIngestion.Outcome.Status.RECORDED;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;

/** The ingestion contract's idempotency (platform issue, defect 6): a client id means one fact, everywhere. */
class BatchIngestionTest {

    private MongoClient client;
    private MongoDatabase database;
    private MongoEventStorageEngine engine;
    private BatchIngestion ingestion;

    @BeforeEach
    void connect() {
        client = MongoClients.create(TestInfrastructure.mongoBaseUri());
        database = client.getDatabase("ingestion-" + UUID.randomUUID());
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

    /** A posted signature: the stream it goes to, and what it says. */
    record Item(String clientId, String stream, String source) {
    }

    @Test
    void answersTheSameContentUnderARecordedClientIdAsAlreadyRecorded() {
        String id = UUID.randomUUID().toString();
        ingest(new Item(id, "KHM", "depositary notification"));

        List<BatchIngestion.Outcome> again = ingest(new Item(id, "KHM", "depositary notification"));

        assertThat(again).extracting(BatchIngestion.Outcome::status).containsExactly(ALREADY_RECORDED);
        assertThat(events()).hasSize(1);
    }

    @Test
    void refusesChangedContentUnderARecordedClientIdAndRecordsNothing() {
        String id = UUID.randomUUID().toString();
        ingest(new Item(id, "KHM", "depositary notification"));

        assertThatThrownBy(() -> ingest(new Item(id, "KHM", "a different source")))
                .isInstanceOfSatisfying(BatchIngestion.Refused.class, refused -> {
                    assertThat(refused.status()).isEqualTo(409);
                    assertThat(refused.errors()).extracting(ItemError::rule).containsExactly("client-id-reused");
                });
        assertThat(ingest(new Item(id, "KHM", "depositary notification")))
                .extracting(BatchIngestion.Outcome::status).containsExactly(ALREADY_RECORDED);
        assertThat(events()).hasSize(1);
    }

    @Test
    void recordsAClientIdOnceWhenTwoPostsRaceWithItForDifferentStreams() throws Exception {
        String id = UUID.randomUUID().toString();
        CyclicBarrier bothChecked = new CyclicBarrier(2);
        CompletableFuture<List<BatchIngestion.Outcome>> first = CompletableFuture.supplyAsync(
                () -> ingest(List.of(new Item(id, "KHM", "one")), bothChecked));
        CompletableFuture<List<BatchIngestion.Outcome>> second = CompletableFuture.supplyAsync(
                () -> ingest(List.of(new Item(id, "UKR", "another")), bothChecked));

        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<?> post : List.of(first, second)) {
            try {
                post.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        assertThat(failures).hasSize(1);
        assertThat(events()).hasSize(1);
    }

    /**
     * A kill -9 in the middle of a post's write (no transactions on mongo-java-server): the part already inserted
     * is recognised by its client ids when the client posts again, the rest is recorded; nothing twice.
     */
    @Test
    void aPostCutOffHalfwayThroughItsWriteIsCompletedByARepostWithNothingTwice() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        MongoEventStorageEngine dying = new MongoEventStorageEngine(MongoEventStorageEngine.builder()
                .database(database).eventSerializer(serializer).snapshotSerializer(serializer).validated()) {
            @Override
            protected void insert(List<Document> documents, Duration timeLeft) {
                super.insert(documents.subList(0, documents.size() / 2), timeLeft);
                throw new IllegalStateException("killed halfway through the insert");
            }
        };
        List<Item> post = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            post.add(new Item(UUID.randomUUID().toString(), "S" + i, "source " + i));
        }
        assertThatThrownBy(() -> dying.inOneWrite(List.of(), () -> ingest(post, null, dying)))
                .hasMessageContaining("killed");
        assertThat(events()).hasSize(5);

        List<BatchIngestion.Outcome> again = engine.inOneWrite(List.of(), () -> ingest(post, null, engine));

        assertThat(again).extracting(BatchIngestion.Outcome::status).containsExactly(
                ALREADY_RECORDED, ALREADY_RECORDED, ALREADY_RECORDED, ALREADY_RECORDED, ALREADY_RECORDED,
                RECORDED, RECORDED, RECORDED, RECORDED, RECORDED);
        assertThat(events()).hasSize(10).extracting(d -> d.getString(MongoEventStorageEngine.CLIENT_KEY))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(post.stream().map(i -> i.clientId() + "#0").toList());
    }

    private List<BatchIngestion.Outcome> ingest(Item item) {
        return ingest(List.of(item), null);
    }

    /** Posts the items; with a barrier, each post waits after its check until the other has checked too. */
    private List<BatchIngestion.Outcome> ingest(List<Item> items, CyclicBarrier afterCheck) {
        return ingest(items, afterCheck, engine);
    }

    private List<BatchIngestion.Outcome> ingest(List<Item> items, CyclicBarrier afterCheck,
                                                MongoEventStorageEngine store) {
        List<PendingFact> accepted = new ArrayList<>();
        return ingestion.ingest(items, "integration", new BatchIngestion.Batch<>() {
            @Override
            public String clientId(Item item) {
                return item.clientId();
            }

            @Override
            public String fingerprint(Item item) {
                return item.stream() + "|" + item.source();
            }

            @Override
            public List<ItemError> check(int index, Item item, String fingerprint) {
                accepted.add(new PendingFact(new TreatySigned(item.stream(), item.stream(),
                        LocalDate.of(1997, 12, 3), null, item.source()), item.clientId(), fingerprint));
                return List.of();
            }

            @Override
            public void record() {
                await(afterCheck);
                for (PendingFact pending : accepted) {
                    store.appendEvents(new GenericDomainEventMessage<>("State", pending.event().iso3(), 0,
                            pending.event(), pending.metaData()));
                }
            }
        });
    }

    private static void await(CyclicBarrier barrier) {
        if (barrier == null) {
            return;
        }
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Document> events() {
        return database.getCollection(MongoEventStorageEngine.EVENTS).find().into(new ArrayList<>());
    }
}
