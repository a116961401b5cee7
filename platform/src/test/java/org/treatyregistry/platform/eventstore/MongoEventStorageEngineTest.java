package org.treatyregistry.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
import org.treatyregistry.platform.TestInfrastructure;

class MongoEventStorageEngineTest {

    private MongoClient client;
    private MongoDatabase database;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

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
    void aTrackerWaitsForACommitThatLandsAfterALaterOne() throws Exception {
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventStorageEngine engine = new MongoEventStorageEngine(builder().validated()) {
            @Override
            protected void insert(List<Document> documents) {
                if ("KHM".equals(documents.get(0).getString("aggregateIdentifier"))) {
                    reserved.countDown();
                    await(release);
                }
                super.insert(documents);
            }
        };
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> engine.appendEvents(event("KHM", 0)));
        assertThat(reserved.await(5, TimeUnit.SECONDS)).isTrue();
        engine.appendEvents(event("UKR", 0));
        now.set(now.get().plusSeconds(30)); // far beyond a timestamp token's look-back window

        List<? extends TrackedEventMessage<?>> first = read(engine, null);
        assertThat(first).extracting(e -> (Object) e.getPayload()).containsExactly("UKR-0");
        GapAwareTrackingToken afterFirst = (GapAwareTrackingToken) first.get(0).trackingToken();
        assertThat(afterFirst.getGaps()).containsExactly(1L);

        release.countDown();
        slow.get(5, TimeUnit.SECONDS);
        assertThat(read(engine, afterFirst)).extracting(e -> (Object) e.getPayload()).containsExactly("KHM-0");
    }

    @Test
    void givesUpAGapOnlyAfterTheGapTimeout() {
        MongoEventStorageEngine engine = new MongoEventStorageEngine(builder().validated()) {
            @Override
            protected void insert(List<Document> documents) {
                if ("KHM".equals(documents.get(0).getString("aggregateIdentifier"))) {
                    throw new EventStoreException("simulated crash between reservation and insert");
                }
                super.insert(documents);
            }
        };
        assertThatThrownBy(() -> engine.appendEvents(event("KHM", 0))).isInstanceOf(EventStoreException.class);
        engine.appendEvents(event("UKR", 0));
        GapAwareTrackingToken token = (GapAwareTrackingToken) read(engine, null).get(0).trackingToken();
        assertThat(token.getGaps()).containsExactly(1L);

        now.set(now.get().plusSeconds(59));
        engine.appendEvents(event("UKR", 1));
        GapAwareTrackingToken beforeTimeout = (GapAwareTrackingToken) read(engine, token).get(0).trackingToken();
        assertThat(beforeTimeout.getGaps()).containsExactly(1L);

        now.set(now.get().plusSeconds(2));
        engine.appendEvents(event("UKR", 2));
        GapAwareTrackingToken afterTimeout = (GapAwareTrackingToken) read(engine, beforeTimeout).get(0).trackingToken();
        assertThat(afterTimeout.getGaps()).isEmpty();
    }

    @Test
    void skipsARunOfFailedPositionsLongerThanABatch() {
        MongoEventStorageEngine engine = new MongoEventStorageEngine(builder().batchSize(10).validated()) {
            @Override
            protected void insert(List<Document> documents) {
                if ("KHM".equals(documents.get(0).getString("aggregateIdentifier"))) {
                    throw new EventStoreException("simulated failure");
                }
                super.insert(documents);
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
