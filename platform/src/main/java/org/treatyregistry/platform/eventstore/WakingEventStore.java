package org.treatyregistry.platform.eventstore;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's embedded event store, whose streams tell a pooled streaming processor when events arrive. Axon's own
 * streams cannot ({@code setOnAvailableCallback} answers false), and a processor's coordinator then looks for events
 * every 500 ms: a fact waited a quarter of a second on average at each processor it passes (the log, Kafka, the
 * projections), whatever the store's own delay. Here one watcher per store follows the store's head as a tailing
 * consumer of the shared cache, woken by the store's fetcher when it links new events; it then calls every stream's
 * callback, and those events are in the cache for every tailing stream by then. A processor whose stream is behind
 * finds events at once anyway. Besides, a post written outside Axon's unit of work ({@link #stored}) wakes the
 * fetcher, which otherwise looked before the write and waited for its next fetch.
 */
public class WakingEventStore extends EmbeddedEventStore {

    private static final Logger LOG = LoggerFactory.getLogger(WakingEventStore.class);

    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final Object watching = new Object();
    private Thread watcher;
    private volatile boolean stopped;

    protected WakingEventStore(Builder builder) {
        super(builder);
    }

    public static WakingEventStore of(Builder builder) {
        return new WakingEventStore(builder);
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new Waking(super.openStream(trackingToken));
    }

    /** Events were stored apart from a unit of work's commit: the fetcher reads them now. */
    public void stored() {
        afterCommit(List.of());
    }

    @Override
    public void shutDown() {
        stopped = true;
        synchronized (watching) {
            if (watcher != null) {
                watcher.interrupt();
            }
        }
        super.shutDown();
    }

    private void watch(Runnable callback) {
        callbacks.add(callback);
        synchronized (watching) {
            if (watcher == null && !stopped) {
                watcher = new Thread(this::follow, "event-store-watcher");
                watcher.setDaemon(true);
                watcher.start();
            }
        }
    }

    /** Follows the head; after each run of new events, calls the callbacks. */
    private void follow() {
        TrackingEventStream head = null;
        while (!stopped) {
            try {
                if (head == null) {
                    head = super.openStream(createHeadToken());
                    // Events stored before this point are not followed: the streams look for them now.
                    callbacks.forEach(Runnable::run);
                }
                if (head.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    while (head.hasNextAvailable()) {
                        head.nextAvailable();
                    }
                    callbacks.forEach(Runnable::run);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // The store unreachable for a while: the processors' own schedule still finds events meanwhile.
                LOG.debug("The event store's watcher failed; following the head again: {}", e.toString());
                if (head != null) {
                    head.close();
                    head = null;
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (head != null) {
            head.close();
        }
    }

    /** A stream of the store that takes a callback for when events are available. */
    private final class Waking implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private Runnable callback;

        private Waking(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            watch(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            if (callback != null) {
                callbacks.remove(callback);
            }
            delegate.close();
        }
    }
}
