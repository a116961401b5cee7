package org.treatyregistry.platform.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.platform.TestInfrastructure;

/**
 * What the store of every State's facts guarantees: each fact once however often and by however many consumers it
 * is appended, a State's facts in the order they were appended, and no document past MongoDB's 16 MiB, however
 * many facts a State has (mongo-java-server does not refuse a larger document on update, so the test measures
 * every stored document itself).
 */
class StateFactStoreTest {

    private static final int MONGODB_LIMIT = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private MongoClient client;
    private MongoDatabase database;
    private StateFactStore store;

    @BeforeEach
    void connect() {
        client = MongoClients.create(TestInfrastructure.mongoBaseUri());
        database = client.getDatabase("facts-" + UUID.randomUUID());
        store = new StateFactStore(database, "states", JSON);
    }

    @AfterEach
    void disconnect() {
        database.drop();
        client.close();
    }

    @Test
    void keepsEveryFactWhenConsumersAppendToOneStateConcurrently() {
        int writers = 4;
        int perWriter = 50;
        concurrently(writers, writer -> {
            for (int i = 0; i < perWriter; i++) {
                store.append(fact("event-" + writer + "-" + i, "source " + i));
            }
        });

        assertThat(store.find("KHM").orElseThrow().facts()).hasSize(writers * perWriter);
    }

    @Test
    void keepsEachFactOnceInOrderWhenConsumersAppendTheSameFactsConcurrently() {
        List<Fact> facts = IntStream.range(0, 300).mapToObj(i -> fact("event-" + i, "source " + i)).toList();
        concurrently(4, writer -> {
            for (int from = 0; from < facts.size(); from += 20) {
                store.appendAll(facts.subList(from, from + 20));
            }
        });

        assertThat(store.find("KHM").orElseThrow().facts()).extracting(Fact::eventId)
                .containsExactlyElementsOf(ids(0, 300));
    }

    @Test
    void keepsAStatesFactsInOrderWhenAnotherWriterClaimsBetweenTakingPlacesAndClaimingThem() {
        // A consumer resumed after its partition moved (a pause, a slow poll) appends its old batch while the new
        // owner appends the same facts and more: here the new owner takes places first, then the old batch takes
        // later places and claims them before the new owner does. Each fact's place is its first claim's, and the
        // new owner's last fact must still come after the two it found claimed at later places. The new owner's
        // batch holds another State's fact first, so the clash is not at the batch's start.
        List<Fact> facts = IntStream.range(0, 3).mapToObj(i -> fact("event-" + i, "source " + i)).toList();
        StateFactStore old = new StateFactStore(database, "states", JSON);
        StateFactStore owner = new StateFactStore(beforeClaiming(database, () -> old.appendAll(facts.subList(0, 2))),
                "states", JSON);
        List<Fact> batch = new ArrayList<>(List.of(fact("UKR", "event-u", "source u")));
        batch.addAll(facts);

        owner.appendAll(batch);

        assertThat(store.find("KHM").orElseThrow().facts()).extracting(Fact::eventId)
                .containsExactlyElementsOf(ids(0, 3));
        assertThat(store.find("UKR").orElseThrow().facts()).extracting(Fact::eventId).containsExactly("event-u");
    }

    @Test
    void keepsEachStatesFactsOnceInOrderWhenBatchesOfManyStatesMeet() {
        List<String> states = List.of("AFG", "KHM", "UKR", "COL", "BIH");
        // A batch's facts interleave States, as a store's positions do.
        List<Fact> facts = IntStream.range(0, 500).mapToObj(i -> fact(states.get(i % states.size()),
                "event-" + i / states.size(), "source " + i)).toList();
        // What a writer killed after claiming UKR's first place, before putting its fact, leaves behind.
        database.getCollection("states_states").insertOne(new Document("_id", "UKR").append("next", 1L));
        database.getCollection("states_ids").insertOne(new Document("_id", "UKR/event-0").append("eventId", "event-0")
                .append("seq", 0L));
        concurrently(3, writer -> {
            for (int from = 0; from < facts.size(); from += 50) {
                store.appendAll(facts.subList(from, from + 50));
            }
        });
        store.appendAll(facts);

        for (String iso3 : states) {
            assertThat(store.find(iso3).orElseThrow().facts()).as(iso3).extracting(Fact::eventId)
                    .containsExactlyElementsOf(ids(0, 100));
        }
        assertThat(store.all()).hasSize(states.size());
    }

    @Test
    void changesNothingWhenAFactIsDeliveredAgain() {
        store.append(fact("event-0", "first"));
        store.append(fact("event-0", "first"));
        store.appendAll(IntStream.range(1, 250).mapToObj(i -> fact("event-" + i, "source " + i)).toList());
        // Delivered again once the State's newest facts are in a later bucket than theirs: singly and in a batch.
        store.append(fact("event-3", "source 3"));
        store.appendAll(List.of(fact("event-120", "source 120"), fact("event-250", "new"), fact("event-0", "first")));

        assertThat(store.find("KHM").orElseThrow().facts()).extracting(Fact::eventId)
                .containsExactlyElementsOf(ids(0, 251));
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void keepsAnEventIdOncePerState() {
        store.append(fact("KHM", "e0", "Cambodia's first"));
        store.append(fact("UKR", "e0", "Ukraine's first"));

        assertThat(store.all()).extracting(StateFactStore.StoredState::iso3).containsExactly("KHM", "UKR");
        assertThat(store.find("UKR").orElseThrow().facts()).extracting(Fact::eventId).containsExactly("e0");
    }

    @Test
    void keepsAStateWhoseFactsOutgrowOneDocument() {
        String text = "x".repeat(90_000);
        for (int i = 0; i < 200; i++) {
            store.append(fact("event-" + i, i + " " + text));
        }

        assertThat(store.find("KHM").orElseThrow().facts()).extracting(Fact::eventId)
                .containsExactlyElementsOf(ids(0, 200));
        assertEveryDocumentFitsMongoDb();
    }

    @Test
    void givesAFactTooLargeToShareABucketOneOfItsOwn() {
        String text = "y".repeat(400_000);
        store.append(fact("small-1", "small"));
        List<Fact> large = IntStream.range(0, 60).mapToObj(i -> fact("event-" + i, i + " " + text)).toList();
        store.appendAll(large);
        store.append(fact("small-2", "small"));

        List<String> expected = new ArrayList<>(List.of("small-1"));
        expected.addAll(ids(0, 60));
        expected.add("small-2");
        assertThat(store.find("KHM").orElseThrow().facts()).extracting(Fact::eventId)
                .containsExactlyElementsOf(expected);
        assertEveryDocumentFitsMongoDb();
    }

    @Test
    void putsAFactWhoseWriterDiedBetweenClaimingAndStoringIt() {
        store.append(fact("event-1", "first"));
        // What a writer killed after claiming the second fact's place leaves behind.
        database.getCollection("states_states").updateOne(new Document("_id", "KHM"),
                new Document("$inc", new Document("next", 1L)));
        database.getCollection("states_ids").insertOne(new Document("_id", "KHM/event-2").append("eventId", "event-2")
                .append("seq", 1L));

        store.append(fact("event-2", "second"));
        store.append(fact("event-3", "third"));

        assertThat(store.find("KHM").orElseThrow().facts()).extracting(Fact::eventId)
                .containsExactly("event-1", "event-2", "event-3");
    }

    @Test
    void answersEveryStateInIso3Order() {
        for (String iso3 : List.of("UKR", "AFG", "KHM")) {
            for (int i = 0; i < 150; i++) {
                store.append(fact(iso3, iso3 + "-" + i, "source"));
            }
        }

        assertThat(store.all()).extracting(StateFactStore.StoredState::iso3).containsExactly("AFG", "KHM", "UKR");
        assertThat(store.all()).allSatisfy(state -> assertThat(state.facts()).extracting(Fact::eventId)
                .containsExactlyElementsOf(IntStream.range(0, 150).mapToObj(i -> state.iso3() + "-" + i).toList()));
        assertThat(store.find("BIH")).isEmpty();
    }

    @Test
    void movesFactsKeptOneDocumentPerStateIntoBucketsOnce() {
        database.drop();
        MongoCollection<Document> old = database.getCollection("states");
        old.insertOne(new Document("_id", "KHM").append("facts", oldShape("KHM", 0, 250)));
        old.insertOne(new Document("_id", "AFG").append("facts", oldShape("AFG", 0, 3)));

        concurrently(2, instance -> new StateFactStore(database, "states", JSON));
        StateFactStore migrated = new StateFactStore(database, "states", JSON);
        migrated.append(fact("KHM-250", "after"));

        assertThat(migrated.all()).extracting(StateFactStore.StoredState::iso3).containsExactly("AFG", "KHM");
        assertThat(migrated.find("KHM").orElseThrow().facts()).extracting(Fact::eventId)
                .containsExactlyElementsOf(IntStream.range(0, 251).mapToObj(i -> "KHM-" + i).toList());
        assertThat(migrated.find("AFG").orElseThrow().facts()).extracting(Fact::eventId)
                .containsExactly("AFG-0", "AFG-1", "AFG-2");
        assertThat(old.countDocuments(new Document("_id", new Document("$in", List.of("KHM", "AFG"))))).isZero();
    }

    @Test
    void finishesAMigrationThatStoppedPartWay() {
        database.drop();
        MongoCollection<Document> old = database.getCollection("states");
        old.insertOne(new Document("_id", "KHM").append("facts", oldShape("KHM", 0, 100)));
        new StateFactStore(database, "states", JSON);
        // A start killed part-way: 100 of the State's facts moved, its old document still there, not marked done.
        old.insertOne(new Document("_id", "KHM").append("facts", oldShape("KHM", 0, 250)));
        database.getCollection("states_states").deleteOne(new Document("_id", "#shape"));

        StateFactStore migrated = new StateFactStore(database, "states", JSON);

        assertThat(migrated.find("KHM").orElseThrow().facts()).extracting(Fact::eventId)
                .containsExactlyElementsOf(IntStream.range(0, 250).mapToObj(i -> "KHM-" + i).toList());
        assertThat(old.countDocuments(new Document("_id", "KHM"))).isZero();
    }

    /** Every document of every collection the store keeps, measured as MongoDB would: its BSON size. */
    private void assertEveryDocumentFitsMongoDb() {
        int largest = 0;
        for (String name : database.listCollectionNames()) {
            for (RawBsonDocument document : database.getCollection(name, RawBsonDocument.class).find()) {
                assertThat(document.getByteBuffer().remaining()).as("%s %s", name, document.get("_id"))
                        .isLessThanOrEqualTo(MONGODB_LIMIT);
                largest = Math.max(largest, document.getByteBuffer().remaining());
            }
        }
        assertThat(largest).isPositive();
    }

    /** Facts as an earlier version stored them, in one State's document. */
    private List<Document> oldShape(String iso3, int from, int to) {
        List<Document> facts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            try {
                facts.add(new Document("eventId", iso3 + "-" + i)
                        .append("type", EventCatalog.typeOf(TreatySigned.class)).append("recordedAt", new Date())
                        .append("principal", "integration")
                        .append("payload", JSON.writeValueAsString(signed(iso3, "source " + i))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return facts;
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "event-" + i).toList();
    }

    private static Fact fact(String eventId, String source) {
        return fact("KHM", eventId, source);
    }

    private static Fact fact(String iso3, String eventId, String source) {
        return new Fact(eventId, Instant.now(), "integration", signed(iso3, source));
    }

    private static TreatySigned signed(String iso3, String source) {
        return new TreatySigned(iso3, "Cambodia", LocalDate.of(1997, 12, 3), null, source);
    }

    /**
     * The database, except that the first insert of claims first runs {@code meanwhile}: what another writer does
     * between this one's taking places and claiming them.
     */
    private static MongoDatabase beforeClaiming(MongoDatabase database, Runnable meanwhile) {
        AtomicBoolean done = new AtomicBoolean();
        return (MongoDatabase) Proxy.newProxyInstance(MongoDatabase.class.getClassLoader(),
                new Class<?>[] {MongoDatabase.class}, (proxy, method, args) -> {
                    Object result = invoke(method, database, args);
                    if (!method.getName().equals("getCollection") || !"states_ids".equals(args[0])) {
                        return result;
                    }
                    return Proxy.newProxyInstance(MongoCollection.class.getClassLoader(),
                            new Class<?>[] {MongoCollection.class}, (c, m, a) -> {
                                if (m.getName().equals("insertMany") && !done.getAndSet(true)) {
                                    meanwhile.run();
                                }
                                return invoke(m, result, a);
                            });
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private interface Writer {
        void write(int writer);
    }

    private static void concurrently(int writers, Writer work) {
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            running.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                work.write(writer);
            }, threads));
        }
        try {
            running.forEach(CompletableFuture::join);
        } finally {
            threads.shutdownNow();
        }
    }
}
