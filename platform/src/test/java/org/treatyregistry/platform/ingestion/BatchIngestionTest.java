package org.treatyregistry.platform.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.treatyregistry.platform.ingestion.BatchIngestion.Outcome.Status.ALREADY_RECORDED;
import static org.treatyregistry.platform.ingestion.BatchIngestion.Outcome.Status.RECORDED;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;

/** The ingestion contract: a client id means one fact, everywhere, and a post is stored whole or not at all. */
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
        assertThat(events()).isEqualTo(1);
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
        assertThat(events()).isEqualTo(1);
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
        assertThat(events()).isEqualTo(1);
    }

    /**
     * The database fails while storing the sixth of ten facts of one post: nothing of the post is stored, so the
     * client's re-post records all ten now, none "already recorded" from a half-stored post.
     */
    @Test
    void aPostIsStoredWholeOrNotAtAllWhenTheStoreFailsBetweenItsEvents() {
        try (FailingMongoServer failing = new FailingMongoServer("FAIL-HERE");
             MongoClient failingClient = MongoClients.create(failing.uri())) {
            MongoDatabase store = failingClient.getDatabase("ingestion");
            MongoEventStorageEngine engine = engine(store);
            BatchIngestion ingestion = new BatchIngestion(new IngestionLog(store), Clock.systemUTC());
            List<Item> post = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                post.add(new Item(UUID.randomUUID().toString(), "S" + i, i == 5 ? "FAIL-HERE" : "source " + i));
            }

            assertThatThrownBy(() -> engine.inOneWrite(List.of(), () -> ingest(ingestion, post, engine)))
                    .isInstanceOf(RuntimeException.class);
            assertThat(failing.failed()).isTrue();
            assertThat(eventsIn(engine)).isZero();

            assertThat(engine.inOneWrite(List.of(), () -> ingest(ingestion, post, engine)))
                    .extracting(BatchIngestion.Outcome::status).containsOnly(RECORDED).hasSize(10);
            assertThat(eventsIn(engine)).isEqualTo(10);
        }
    }

    /**
     * A correction records two events for one client id (the retraction, then the corrected fact); the database
     * fails at the second: neither is stored, and the re-post records the correction instead of answering
     * "already recorded" from the retraction alone.
     */
    @Test
    void aCorrectionIsNeverHalfStored() {
        try (FailingMongoServer failing = new FailingMongoServer("corrected source");
             MongoClient failingClient = MongoClients.create(failing.uri())) {
            MongoDatabase store = failingClient.getDatabase("ingestion");
            MongoEventStorageEngine engine = engine(store);
            BatchIngestion ingestion = new BatchIngestion(new IngestionLog(store), Clock.systemUTC());
            Item correction = new Item(UUID.randomUUID().toString(), "UKR", "corrected source");

            assertThatThrownBy(() -> engine.inOneWrite(List.of(), () -> correct(ingestion, correction, engine)))
                    .isInstanceOf(RuntimeException.class);
            assertThat(failing.failed()).isTrue();
            assertThat(eventsIn(engine)).isZero();

            assertThat(engine.inOneWrite(List.of(), () -> correct(ingestion, correction, engine)))
                    .extracting(BatchIngestion.Outcome::status).containsExactly(RECORDED);
            assertThat(engine.readEvents("UKR").asStream().map(e -> e.getMetaData().get("clientKey")))
                    .containsExactly(correction.clientId() + "#0", correction.clientId() + "#1");
        }
    }

    /**
     * Another post records the second of three streams' next event after this post's checks: this post clashes on
     * it and is answered 409 (a concurrency conflict) with nothing of it stored, the first stream included.
     */
    @Test
    void aPostThatClashesHalfwayThroughStoresNothing() {
        engine.appendEvents(new GenericDomainEventMessage<>("State", "S1", 0, "recorded by another post"));
        List<Item> post = List.of(new Item(UUID.randomUUID().toString(), "S0", "first"),
                new Item(UUID.randomUUID().toString(), "S1", "second"),
                new Item(UUID.randomUUID().toString(), "S2", "third"));

        assertThatThrownBy(() -> engine.inOneWrite(List.of(), () -> ingest(ingestion, post, engine)))
                .isInstanceOf(AggregateStreamCreationException.class);

        assertThat(eventsIn(engine)).isEqualTo(1);
        assertThat(engine.readEvents("S0").asStream()).isEmpty();
        assertThat(engine.readEvents("S2").asStream()).isEmpty();
    }

    private static MongoEventStorageEngine engine(MongoDatabase store) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return MongoEventStorageEngine.builder().database(store).eventSerializer(serializer)
                .snapshotSerializer(serializer).build();
    }

    /** Every event the store holds, as a tracker reads them all from the start. */
    private static long eventsIn(MongoEventStorageEngine store) {
        return store.readEvents(null, false).count();
    }

    private List<BatchIngestion.Outcome> ingest(BatchIngestion on, List<Item> items, MongoEventStorageEngine store) {
        return ingest(on, items, null, store);
    }

    /** Posts a correction: one item whose client id records two events in its stream, as one command does. */
    private List<BatchIngestion.Outcome> correct(BatchIngestion on, Item item, MongoEventStorageEngine store) {
        return on.ingest(List.of(item), "integration", new BatchIngestion.Batch<>() {
            private String fingerprint;

            @Override
            public String clientId(Item posted) {
                return posted.clientId();
            }

            @Override
            public String fingerprint(Item posted) {
                return posted.stream() + "|" + posted.source();
            }

            @Override
            public List<ItemError> check(int index, Item posted, String fingerprint) {
                this.fingerprint = fingerprint;
                return List.of();
            }

            @Override
            public void record() {
                PendingFact retraction = new PendingFact(signature(item.stream(), "retracted"), item.clientId(),
                        fingerprint, 0);
                PendingFact corrected = new PendingFact(signature(item.stream(), item.source()), item.clientId(),
                        fingerprint, 1);
                store.appendEvents(
                        new GenericDomainEventMessage<>("State", item.stream(), 0, retraction.event(),
                                retraction.metaData()),
                        new GenericDomainEventMessage<>("State", item.stream(), 1, corrected.event(),
                                corrected.metaData()));
            }
        });
    }

    private static TreatySigned signature(String stream, String source) {
        return new TreatySigned(stream, stream, LocalDate.of(1997, 12, 3), null, source);
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
        return ingest(ingestion, items, afterCheck, store);
    }

    private List<BatchIngestion.Outcome> ingest(BatchIngestion on, List<Item> items, CyclicBarrier afterCheck,
                                                MongoEventStorageEngine store) {
        List<PendingFact> accepted = new ArrayList<>();
        return on.ingest(items, "integration", new BatchIngestion.Batch<>() {
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
                accepted.add(new PendingFact(signature(item.stream(), item.source()), item.clientId(), fingerprint));
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

    private long events() {
        return eventsIn(engine);
    }
}
