package org.treatyregistry.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A stream of the store calls its callback once stored events can be read from it, each time more arrive. */
class WakingEventStoreTest {

    private final WakingEventStore store = WakingEventStore.of(EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).fetchDelay(1).timeUnit(TimeUnit.HOURS));

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void aStreamIsToldWhenEventsArriveAndFindsThemAtOnce() throws InterruptedException {
        store.publish(GenericEventMessage.asEventMessage("before"));
        TrackingEventStream stream = store.openStream(store.createHeadToken());
        Semaphore told = new Semaphore(0);

        assertThat(stream.setOnAvailableCallback(told::release)).isTrue();
        assertThat(told.tryAcquire(30, TimeUnit.SECONDS)).as("told once the store is followed").isTrue();
        assertThat(stream.hasNextAvailable()).isFalse();
        for (String payload : new String[] {"first", "second"}) {
            told.drainPermits();
            store.publish(GenericEventMessage.asEventMessage(payload));

            // The store looks for events once an hour on its own: only the commit's signal can have woken it.
            assertThat(told.tryAcquire(30, TimeUnit.SECONDS)).as("told of " + payload).isTrue();
            assertThat(stream.hasNextAvailable()).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo(payload);
        }
        stream.close();
    }

    @Test
    void eventsStoredApartFromAUnitOfWorkWakeTheFetcher() throws InterruptedException {
        InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
        WakingEventStore apart = WakingEventStore.of(EmbeddedEventStore.builder().storageEngine(engine)
                .fetchDelay(1).timeUnit(TimeUnit.HOURS));
        try {
            TrackingEventStream stream = apart.openStream(apart.createHeadToken());
            Semaphore told = new Semaphore(0);
            stream.setOnAvailableCallback(told::release);
            assertThat(told.tryAcquire(30, TimeUnit.SECONDS)).as("told once the store is followed").isTrue();
            assertThat(stream.hasNextAvailable()).isFalse();

            engine.appendEvents(GenericEventMessage.asEventMessage("written by a post"));
            apart.stored();

            assertThat(told.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("written by a post");
            stream.close();
        } finally {
            apart.shutDown();
        }
    }
}
