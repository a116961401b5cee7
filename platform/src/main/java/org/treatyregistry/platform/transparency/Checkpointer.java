package org.treatyregistry.platform.transparency;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Signs the log's checkpoints and runs its self-audit, on every instance (decision 0026). A checkpoint is signed as
 * soon as this instance's appender grew the tree ({@link #grew}), but at most one every {@code spacing}, so that a
 * busy log signs a few checkpoints a second rather than one per batch; and on a schedule besides ({@code every}), so
 * that leaves an instance appended just before it died are covered by another. The self-audit's instance is chosen
 * by {@link LogAudit#passIfDue}.
 */
final class Checkpointer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final TransparencyLog log;
    private final LogAudit audit;
    private final Duration every;
    private final Duration spacing;
    private final Duration auditEvery;
    /** A signature is scheduled and has not started: more growth until then is covered by it. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile ScheduledExecutorService scheduler;
    private volatile long lastSigned;

    Checkpointer(TransparencyLog log, LogAudit audit, Duration every, Duration spacing, Duration auditEvery) {
        this.log = log;
        this.audit = audit;
        this.every = every;
        this.spacing = spacing;
        this.auditEvery = auditEvery;
        this.lastSigned = System.nanoTime() - spacing.toNanos();
    }

    /** The tree grew here: a checkpoint covering it is signed once {@code spacing} has passed since the last. */
    void grew() {
        ScheduledExecutorService running = scheduler;
        if (running != null && scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastSigned + spacing.toNanos() - System.nanoTime());
            try {
                running.schedule(this::sign, wait, TimeUnit.NANOSECONDS);
            } catch (RuntimeException stopping) {
                // Stopped meanwhile: another instance's schedule, or this one's next start, signs it.
                scheduled.set(false);
            }
        }
    }

    private void sign() {
        // Cleared first: growth from now on may not be in the tree this signature reads, and schedules another.
        scheduled.set(false);
        lastSigned = System.nanoTime();
        guarded("sign a checkpoint", log::checkpoint);
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "transparency-log");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(() -> guarded("sign a checkpoint", log::checkpoint), every.toMillis(),
                every.toMillis(), TimeUnit.MILLISECONDS);
        // Each instance looks every minute whether a pass is due; one runs it.
        long look = Math.min(auditEvery.toMillis(), 60_000);
        started.scheduleWithFixedDelay(() -> guarded("audit the log", () -> audit.passIfDue(auditEvery)), look, look,
                TimeUnit.MILLISECONDS);
        scheduler = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping = scheduler;
        scheduler = null;
        if (stopping != null) {
            stopping.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** A run's failure is logged and the next one tries again; nothing is lost by a run that failed. */
    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("Could not {} now; trying again at the next run: {}", what, e.toString());
        }
    }
}
