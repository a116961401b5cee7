package org.treatyregistry.platform.proof;

import com.mongodb.MongoTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures a proof injects into a handler: for a while, every event fails as if MongoDB were unreachable (a
 * transient failure); a chosen event fails so once; and chosen events fail every time, as a handler's bug would
 * (poison), until cured.
 */
public final class Faults {

    private volatile Duration outage;
    private volatile Instant unavailableUntil = Instant.MIN;
    private final Set<String> poisoned = ConcurrentHashMap.newKeySet();
    private final Set<String> failingOnce = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failures = new AtomicInteger();

    /** From the next event the handler sees, every event fails for {@code duration}. */
    public void unavailableFor(Duration duration) {
        outage = duration;
    }

    public void poison(String iso3, long sequence) {
        poisoned.add(iso3 + "#" + sequence);
    }

    /** The first time the handler sees this event, it fails as if MongoDB were unreachable; then it passes. */
    public void failOnce(String iso3, long sequence) {
        failingOnce.add(iso3 + "#" + sequence);
    }

    public void cure() {
        poisoned.clear();
    }

    public int failures() {
        return failures.get();
    }

    synchronized void check(String iso3, long sequence) {
        if (outage != null) {
            unavailableUntil = Instant.now().plus(outage);
            outage = null;
        }
        if (Instant.now().isBefore(unavailableUntil)) {
            failures.incrementAndGet();
            throw new MongoTimeoutException("injected: MongoDB unreachable");
        }
        if (failingOnce.remove(iso3 + "#" + sequence)) {
            failures.incrementAndGet();
            throw new MongoTimeoutException("injected: MongoDB unreachable once, at " + iso3 + "#" + sequence);
        }
        if (poisoned.contains(iso3 + "#" + sequence)) {
            failures.incrementAndGet();
            throw new IllegalStateException("injected: the handler cannot handle " + iso3 + "#" + sequence);
        }
    }
}
