package org.treatyregistry.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.platform.SettableClock;
import org.treatyregistry.platform.TestInfrastructure;

class MongoEventStorageEngineTest {

    private MongoClient client;
    private MongoDatabase database;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void connect() {
        client = MongoClients.create(TestInfrastructure.mongoBaseUri());
        database = client.getDatabase("engine-" + UUID.randomUUID());
    }

    @AfterEach
    void disconnect() {
        database.drop();
        client.close();
    }

    private MongoEventStorageEngine.Builder builder() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                .snapshotSerializer(serializer).clock(clock).gapTimeout(Duration.ofSeconds(60));
    }

    private static DomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("State", aggregate, sequence, aggregate + "-" + sequence);
    }

    /** An event of the State {@code iso3}, first of its stream. */
    private static DomainEventMessage<InstrumentDeposited> stateEvent(String stream, String iso3) {
        return new GenericDomainEventMessage<>("State", stream, 0, new InstrumentDeposited(iso3, iso3,
                InstrumentType.RATIFICATION, "1999-12-27", null, LocalDate.of(2005, 12, 27), false, stream));
    }

    private static String stream(TrackedEventMessage<?> event) {
        return ((DomainEventMessage<?>) event).getAggregateIdentifier();
    }

    /** The aggregate of a commit's first event. */
    private static String firstStream(Document commit) {
        String key = commit.getList("aggregateKeys", String.class).get(0);
        return key.substring(0, key.lastIndexOf('#'));
    }

    private static List<? extends TrackedEventMessage<?>> read(MongoEventStorageEngine engine, TrackingToken from) {
        return engine.readEvents(from, false).toList();
    }

    @Test
    void readsAnAggregatesEventsInSequenceOrder() {
        MongoEventStorageEngine engine = builder().build();
        engine.appendEvents(event("UKR", 0), event("UKR", 1));
        engine.appendEvents(event("KHM", 0));
        engine.appendEvents(event("UKR", 2));

        assertThat(engine.readEvents("UKR").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L, 2L);
    }

    @Test
    void givesEveryEventAStrictlyIncreasingGlobalPosition() {
        MongoEventStorageEngine engine = builder().build();
        engine.appendEvents(event("UKR", 0), event("UKR", 1));
        engine.appendEvents(event("KHM", 0));

        assertThat(read(engine, null)).extracting(e -> e.trackingToken().position().orElseThrow())
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void refusesASecondEventAtTheSameAggregateSequenceAsAConcurrencyConflict() {
        MongoEventStorageEngine engine = builder().build();
        engine.appendEvents(event("UKR", 0), event("UKR", 1));

        assertThatThrownBy(() -> engine.appendEvents(event("UKR", 1), event("UKR", 2)))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine.appendEvents(event("UKR", 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(engine.readEvents("UKR").asStream().map(e -> (Object) e.getPayload()))
                .containsExactly("UKR-0", "UKR-1");
    }

    @Test
    void storesACommitThatClashesOnOneOfItsStreamsNotAtAll() {
        MongoEventStorageEngine engine = builder().build();
        engine.appendEvents(event("UKR", 0));

        assertThatThrownBy(() -> engine.appendEvents(event("KHM", 0), event("UKR", 0), event("POL", 0)))
                .isInstanceOf(AggregateStreamCreationException.class);

        assertThat(engine.readEvents("KHM").asStream()).isEmpty();
        assertThat(engine.readEvents("POL").asStream()).isEmpty();
        assertThat(read(engine, null)).extracting(e -> (Object) e.getPayload()).containsExactly("UKR-0");
    }

    @Test
    void refusesACommitLargerThanOneDocumentAndStoresNothingOfIt() {
        MongoEventStorageEngine engine = builder().build();
        String fourMegabytes = "x".repeat(4 << 20);
        DomainEventMessage<?>[] large = new DomainEventMessage<?>[5];
        for (int i = 0; i < large.length; i++) {
            large[i] = new GenericDomainEventMessage<>("State", "KHM", i, fourMegabytes);
        }

        assertThatThrownBy(() -> engine.appendEvents(large)).isInstanceOf(CommitTooLargeException.class)
                .hasMessageContaining("5 events");
        assertThat(engine.readEvents("KHM").asStream()).isEmpty();
    }

    /** A tracker whose batch ends inside a commit is given the rest of it, and nothing twice. */
    @Test
    void deliversACommitLongerThanABatchWholeAndOnce() {
        MongoEventStorageEngine engine = builder().batchSize(10).build();
        DomainEventMessage<?>[] large = new DomainEventMessage<?>[25];
        for (int i = 0; i < large.length; i++) {
            large[i] = event("KHM", i);
        }
        engine.appendEvents(event("UKR", 0));
        engine.appendEvents(large);
        engine.appendEvents(event("UKR", 1));

        assertThat(read(engine, null)).extracting(e -> e.trackingToken().position().orElseThrow())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 27).boxed().toList());
    }

    /**
     * A store written by an earlier version, one document per event in {@code domainevents} (client ids of the
     * oldest in {@code ingestions}), is read as before once the engine has started on it: same positions, same
     * streams, client ids kept; and the old collections are gone.
     */
    @Test
    void migratesAStoreOfOneDocumentPerEventToCommits() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        List<Document> old = new ArrayList<>();
        for (long position = 1; position <= 3; position++) {
            String aggregate = position == 2 ? "KHM" : "UKR";
            long sequence = position == 3 ? 1 : 0;
            DomainEventMessage<String> event = event(aggregate, sequence);
            old.add(new Document("_id", position).append("aggregateKey", aggregate + "#" + sequence)
                    .append("aggregateIdentifier", aggregate).append("sequenceNumber", sequence)
                    .append("type", "State").append("eventIdentifier", event.getIdentifier())
                    .append("timestamp", event.getTimestamp().toString()).append("storedAt", new Date())
                    .append("payloadType", String.class.getName()).append("payloadRevision", null)
                    .append("payload", event.serializePayload(serializer, String.class).getData())
                    .append("metaData", position == 2 ? "{\"clientId\":\"c-2\"}" : "{}"));
        }
        database.getCollection("domainevents").insertMany(old);
        database.getCollection("eventcounters").insertOne(new Document("_id", "globalPosition").append("position", 3L));
        database.getCollection("ingestions").insertOne(new Document("_id", "c-2").append("fingerprint", "posted"));

        MongoEventStorageEngine engine = builder().build();

        assertThat(read(engine, null)).extracting(e -> e.trackingToken().position().orElseThrow() + " "
                + e.getPayload()).containsExactly("1 UKR-0", "2 KHM-0", "3 UKR-1");
        assertThat(engine.readEvents("UKR").asStream().map(e -> (Object) e.getPayload()))
                .containsExactly("UKR-0", "UKR-1");
        assertThat(database.listCollectionNames().into(new ArrayList<>())).doesNotContain("domainevents",
                "ingestions");
        Document khm = database.getCollection(MongoEventStorageEngine.COMMITS).find(new Document("_id", 2L)).first();
        assertThat(khm.getList("clientKeys", String.class)).containsExactly("c-2#0");
        assertThat(khm.getList("events", Document.class).get(0).getString("fingerprint"))
                .isEqualTo(MongoEventStorageEngine.fingerprint("posted"));
        assertThatThrownBy(() -> engine.appendEvents(event("UKR", 1))).isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(event("UKR", 2));
        assertThat(engine.createHeadToken().position().orElseThrow()).isEqualTo(5L);
    }

    @Test
    void aTrackerWaitsForACommitThatLandsAfterALaterOne() throws Exception {
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventStorageEngine engine = new MongoEventStorageEngine(builder().validated()) {
            @Override
            protected void insert(Document commit, Duration timeLeft) {
                if (firstStream(commit).equals("KHM")) {
                    reserved.countDown();
                    await(release);
                }
                super.insert(commit, timeLeft);
            }
        };
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> engine.appendEvents(event("KHM", 0)));
        assertThat(reserved.await(5, TimeUnit.SECONDS)).isTrue();
        engine.appendEvents(event("UKR", 0));
        clock.advance(Duration.ofSeconds(30)); // far beyond a timestamp token's look-back window

        List<? extends TrackedEventMessage<?>> first = read(engine, null);
        assertThat(first).extracting(e -> (Object) e.getPayload()).containsExactly("UKR-0");
        GapAwareTrackingToken afterFirst = (GapAwareTrackingToken) first.get(0).trackingToken();
        assertThat(afterFirst.getGaps()).containsExactly(1L);

        release.countDown();
        slow.get(5, TimeUnit.SECONDS);
        List<? extends TrackedEventMessage<?>> late = read(engine, afterFirst);
        assertThat(late).extracting(e -> (Object) e.getPayload()).containsExactly("KHM-0");
        // Its token names the furthest position read; the event says where it is stored.
        assertThat(late.get(0).trackingToken().position()).hasValue(2L);
        assertThat(storedPosition(late.get(0))).isEqualTo(1L);
        assertThat(storedPosition(first.get(0))).isEqualTo(2L);
    }

    /**
     * Reporting keeps a State's facts in several streams: a commit of one of them held up between taking its position
     * and landing must not let the State's later event, in another stream, reach a tracker first (a replay reads
     * position order). Other States' events go on meanwhile.
     */
    @Test
    void aStatesEventsReachATrackerInPositionOrderWhenItsEarlierCommitLandsLast() throws Exception {
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventStorageEngine engine = holdingBack("UKR-stockpiles", reserved, release);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(
                () -> engine.appendEvents(stateEvent("UKR-stockpiles", "UKR")));
        assertThat(reserved.await(5, TimeUnit.SECONDS)).isTrue();
        engine.appendEvents(stateEvent("UKR-areas", "UKR"));
        engine.appendEvents(stateEvent("FRA-stockpiles", "FRA"));

        List<? extends TrackedEventMessage<?>> first = read(engine, null);
        assertThat(first).extracting(MongoEventStorageEngineTest::stream).containsExactly("FRA-stockpiles");

        release.countDown();
        slow.get(5, TimeUnit.SECONDS);
        List<? extends TrackedEventMessage<?>> late = read(engine, first.get(0).trackingToken());
        assertThat(late).extracting(MongoEventStorageEngineTest::stream).containsExactly("UKR-stockpiles",
                "UKR-areas");
        assertThat(late).extracting(MongoEventStorageEngineTest::storedPosition).containsExactly(1L, 2L);
    }

    /** A whole window of one State's events held back does not hold back the other States' events after it. */
    @Test
    void readsOnPastAWindowOfOneStatesEventsHeldBack() throws Exception {
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventStorageEngine engine = holdingBack(builder().batchSize(10), "UKR-stockpiles", reserved, release);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(
                () -> engine.appendEvents(stateEvent("UKR-stockpiles", "UKR")));
        assertThat(reserved.await(5, TimeUnit.SECONDS)).isTrue();
        for (int area = 0; area < 25; area++) {
            engine.appendEvents(stateEvent("UKR-area-" + area, "UKR"));
        }
        engine.appendEvents(stateEvent("FRA-stockpiles", "FRA"));
        try {
            assertThat(read(engine, null)).extracting(MongoEventStorageEngineTest::stream)
                    .containsExactly("FRA-stockpiles");
        } finally {
            release.countDown();
            slow.get(5, TimeUnit.SECONDS);
        }
    }

    /** A writer that died after taking its position holds its State's later events back for the gap timeout only. */
    @Test
    void aStateWaitsForAWriterThatDiedAfterTakingItsPositionOnlyUntilTheGapTimeout() {
        MongoEventStorageEngine engine = new MongoEventStorageEngine(builder().validated()) {
            @Override
            protected void insert(Document commit, Duration timeLeft) {
                if (firstStream(commit).equals("UKR-stockpiles")) {
                    throw new EventStoreException("simulated crash between reservation and insert");
                }
                super.insert(commit, timeLeft);
            }
        };
        assertThatThrownBy(() -> engine.appendEvents(stateEvent("UKR-stockpiles", "UKR")))
                .isInstanceOf(EventStoreException.class);
        engine.appendEvents(stateEvent("UKR-areas", "UKR"));
        engine.appendEvents(stateEvent("FRA-stockpiles", "FRA"));
        List<? extends TrackedEventMessage<?>> first = read(engine, null);
        assertThat(first).extracting(MongoEventStorageEngineTest::stream).containsExactly("FRA-stockpiles");

        clock.advance(Duration.ofSeconds(59));
        assertThat(read(engine, first.get(0).trackingToken())).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(read(engine, first.get(0).trackingToken())).extracting(MongoEventStorageEngineTest::stream)
                .containsExactly("UKR-areas");
    }

    /** A commit refused whole (a concurrency conflict) will never land: its State's later events do not wait. */
    @Test
    void aCommitRefusedWholeHoldsNoLaterEventOfItsStateBack() {
        MongoEventStorageEngine engine = builder().build();
        engine.appendEvents(stateEvent("UKR-stockpiles", "UKR"));
        assertThatThrownBy(() -> engine.appendEvents(stateEvent("UKR-stockpiles", "UKR")))
                .isInstanceOf(AggregateStreamCreationException.class);
        engine.appendEvents(stateEvent("UKR-areas", "UKR"));

        assertThat(read(engine, null)).extracting(MongoEventStorageEngineTest::storedPosition)
                .containsExactly(1L, 3L);
    }

    /**
     * A position taken from the counter whose writer has not claimed it yet names no State: the tracker claims it
     * first, so the writer takes another, and no event of any State can land behind one the tracker handed over.
     */
    @Test
    void aTrackerClaimsAPositionTakenButNotYetClaimedSoThatNothingLandsThereLater() {
        MongoEventStorageEngine engine = builder().build();
        // A writer between taking position 1 from the counter and claiming it.
        database.getCollection("eventcounters").insertOne(new Document("_id", "globalPosition").append("position", 1L));
        engine.appendEvents(stateEvent("UKR-areas", "UKR"));

        assertThat(read(engine, null)).extracting(MongoEventStorageEngineTest::storedPosition).containsExactly(2L);
        Document claim = database.getCollection("eventpositions").find(new Document("_id", 1L)).first();
        assertThat(claim).as("the tracker's claim on position 1").isNotNull();
        assertThat(claim.containsKey("subject")).isFalse();
    }

    @Test
    void givesUpAGapOnlyAfterTheGapTimeout() {
        MongoEventStorageEngine engine = new MongoEventStorageEngine(builder().validated()) {
            @Override
            protected void insert(Document commit, Duration timeLeft) {
                if (firstStream(commit).equals("KHM")) {
                    throw new EventStoreException("simulated crash between reservation and insert");
                }
                super.insert(commit, timeLeft);
            }
        };
        assertThatThrownBy(() -> engine.appendEvents(event("KHM", 0))).isInstanceOf(EventStoreException.class);
        engine.appendEvents(event("UKR", 0));
        GapAwareTrackingToken token = (GapAwareTrackingToken) read(engine, null).get(0).trackingToken();
        assertThat(token.getGaps()).containsExactly(1L);

        clock.advance(Duration.ofSeconds(59));
        engine.appendEvents(event("UKR", 1));
        GapAwareTrackingToken beforeTimeout = (GapAwareTrackingToken) read(engine, token).get(0).trackingToken();
        assertThat(beforeTimeout.getGaps()).containsExactly(1L);

        clock.advance(Duration.ofSeconds(2));
        engine.appendEvents(event("UKR", 2));
        GapAwareTrackingToken afterTimeout = (GapAwareTrackingToken) read(engine, beforeTimeout).get(0).trackingToken();
        assertThat(afterTimeout.getGaps()).isEmpty();
    }

    /**
     * A commit held up between its reservation and its arrival (a frozen client or database, a partition, a server
     * that ignores the operation's time limit) for longer than the gap timeout: its positions were given up, so it
     * is refused when it arrives, never stored where no tracker reads it; posted again, it is stored and read.
     */
    @Test
    void aCommitArrivingAfterItsPositionsWereGivenUpIsRefusedNotStoredUnread() throws Exception {
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventStorageEngine engine = holdingBack("KHM", reserved, release);
        CompletableFuture<Void> late = CompletableFuture.runAsync(() -> engine.appendEvents(event("KHM", 0)));
        assertThat(reserved.await(5, TimeUnit.SECONDS)).isTrue();
        engine.appendEvents(event("UKR", 0));
        TrackingToken afterUkr = read(engine, null).get(0).trackingToken();
        clock.advance(Duration.ofSeconds(61));
        engine.appendEvents(event("UKR", 1));
        List<? extends TrackedEventMessage<?>> afterTimeout = read(engine, afterUkr);
        assertThat(afterTimeout).extracting(e -> (Object) e.getPayload()).containsExactly("UKR-1");
        assertThat(((GapAwareTrackingToken) afterTimeout.get(0).trackingToken()).getGaps()).isEmpty();

        release.countDown();
        assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(RuntimeException.class);
        assertThat(engine.readEvents("KHM").asStream()).isEmpty();

        engine.appendEvents(event("KHM", 0));
        assertThat(read(engine, afterTimeout.get(0).trackingToken())).extracting(e -> (Object) e.getPayload())
                .containsExactly("KHM-0");
    }

    @Test
    void skipsARunOfFailedPositionsLongerThanABatch() {
        MongoEventStorageEngine engine = new MongoEventStorageEngine(builder().batchSize(10).validated()) {
            @Override
            protected void insert(Document commit, Duration timeLeft) {
                if (firstStream(commit).equals("KHM")) {
                    throw new EventStoreException("simulated failure");
                }
                super.insert(commit, timeLeft);
            }
        };
        DomainEventMessage<?>[] failed = new DomainEventMessage<?>[25];
        for (int i = 0; i < failed.length; i++) {
            failed[i] = event("KHM", i);
        }
        assertThatThrownBy(() -> engine.appendEvents(failed)).isInstanceOf(EventStoreException.class);
        engine.appendEvents(event("UKR", 0));

        assertThat(read(engine, null)).extracting(e -> (Object) e.getPayload()).containsExactly("UKR-0");
    }

    /** Defect 2 of the platform issue: the skip-ahead read a held-back commit of more than a batch as done. */
    @Test
    void deliversEveryEventOfALargeCommitHeldBackWhileASmallLaterCommitLands() throws Exception {
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventStorageEngine engine = holdingBack("KHM", reserved, release);
        DomainEventMessage<?>[] large = new DomainEventMessage<?>[150];
        for (int i = 0; i < large.length; i++) {
            large[i] = event("KHM", i);
        }
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> engine.appendEvents(large));
        assertThat(reserved.await(5, TimeUnit.SECONDS)).isTrue();
        engine.appendEvents(event("UKR", 0));

        List<? extends TrackedEventMessage<?>> first = read(engine, null);
        assertThat(first).extracting(e -> (Object) e.getPayload()).containsExactly("UKR-0");

        release.countDown();
        slow.get(5, TimeUnit.SECONDS);
        assertThat(read(engine, first.get(0).trackingToken())).hasSize(150)
                .extracting(e -> (Object) e.getPayload()).startsWith("KHM-0").endsWith("KHM-149");
    }

    /** Defect 3: a gap more than 10,000 positions behind was dropped whatever the gap timeout said. */
    @Test
    void keepsAGapFarBehindTheHeadUntilTheGapTimeout() throws Exception {
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventStorageEngine engine = holdingBack("KHM", reserved, release);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> engine.appendEvents(event("KHM", 0)));
        assertThat(reserved.await(5, TimeUnit.SECONDS)).isTrue();
        DomainEventMessage<?>[] many = new DomainEventMessage<?>[10_050];
        for (int i = 0; i < many.length; i++) {
            many[i] = event("UKR", i);
        }
        engine.appendEvents(many);

        List<? extends TrackedEventMessage<?>> first = read(engine, null);
        assertThat(first).hasSize(10_050);
        TrackingToken afterAll = first.get(first.size() - 1).trackingToken();
        assertThat(((GapAwareTrackingToken) afterAll).getGaps()).containsExactly(1L);

        release.countDown();
        slow.get(5, TimeUnit.SECONDS);
        assertThat(read(engine, afterAll)).extracting(e -> (Object) e.getPayload()).containsExactly("KHM-0");
    }

    /** Defect 4: a commit that cannot be serialised must not leave reserved positions behind. */
    @Test
    void serialisesACommitBeforeReservingItsPositions() {
        MongoEventStorageEngine engine = builder().build();
        DomainEventMessage<Object> unserialisable = new GenericDomainEventMessage<>("State", "KHM", 0,
                new Object() {
                    @SuppressWarnings("unused")
                    public String getBroken() {
                        throw new IllegalStateException("cannot serialise");
                    }
                });
        assertThatThrownBy(() -> engine.appendEvents(unserialisable)).isInstanceOf(RuntimeException.class);
        engine.appendEvents(event("UKR", 0));

        assertThat(read(engine, null)).extracting(e -> e.trackingToken().position().orElseThrow())
                .containsExactly(1L);
    }

    /** Defect 4: "no write lands after the gap timeout" is enforced, not assumed. */
    @Test
    void refusesToInsertAReservationOlderThanHalfTheGapTimeout() {
        // Every reading of the clock is 31 s after the one before: a stall.
        clock.tickOnEveryReading(Duration.ofSeconds(31));
        MongoEventStorageEngine stalled = builder().build();
        assertThatThrownBy(() -> stalled.appendEvents(event("KHM", 0))).isInstanceOf(EventStoreException.class)
                .hasMessageContaining("write bound");
        clock.tickOnEveryReading(Duration.ZERO);
        assertThat(read(builder().build(), null)).isEmpty();
    }

    private MongoEventStorageEngine holdingBack(String aggregate, CountDownLatch reserved, CountDownLatch release) {
        return holdingBack(builder(), aggregate, reserved, release);
    }

    private static MongoEventStorageEngine holdingBack(MongoEventStorageEngine.Builder builder, String aggregate,
                                                       CountDownLatch reserved, CountDownLatch release) {
        return new MongoEventStorageEngine(builder.validated()) {
            @Override
            protected void insert(Document commit, Duration timeLeft) {
                if (firstStream(commit).equals(aggregate)) {
                    reserved.countDown();
                    MongoEventStorageEngineTest.await(release);
                }
                super.insert(commit, timeLeft);
            }
        };
    }

    private static long storedPosition(TrackedEventMessage<?> event) {
        return ((Number) event.getMetaData().get(MongoEventStorageEngine.STORED_POSITION)).longValue();
    }

    /** Holds a commit back until released: at most a minute, so that a busy machine's slow reads do not end it. */
    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
