package org.treatyregistry.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock in UTC that a test moves on: by hand, and if asked at every reading (a stalled machine). */
public final class SettableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final AtomicReference<Duration> tick = new AtomicReference<>(Duration.ZERO);

    public SettableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    /** From now on, every reading is {@code tick} after the one before. */
    public void tickOnEveryReading(Duration tick) {
        this.tick.set(tick);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(t -> t.plus(tick.get()));
    }
}
