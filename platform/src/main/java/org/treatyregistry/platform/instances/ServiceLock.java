package org.treatyregistry.platform.instances;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that one instance of a service at a time may do, such as loading the reference data on first start: two
 * instances starting together would otherwise both write the same facts and one would fail half-way. A lease in
 * the service's MongoDB ({@code locks}), renewed while the work runs; an instance killed while holding it
 * frees it when the lease runs out, so the next one can take over. The work must be safe to do again (the
 * reference data loads what is not loaded yet), since the waiting instance does it too, after the first.
 */
public final class ServiceLock {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLock.class);
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);

    private final MongoCollection<Document> locks;
    private final Duration lease;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    public ServiceLock(MongoDatabase serviceDatabase) {
        this(serviceDatabase, LEASE);
    }

    ServiceLock(MongoDatabase serviceDatabase, Duration lease) {
        this.locks = serviceDatabase.getCollection("locks");
        this.lease = lease;
    }

    /** Runs {@code work} holding the lock {@code name}, waiting for another instance to finish first. */
    public <T> T exclusively(String name, Supplier<T> work) {
        acquire(name);
        ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "lock-renewal-" + name);
            thread.setDaemon(true);
            return thread;
        });
        // A task that throws is never run again: a renewal that fails (MongoDB away for a moment) is logged, and
        // the next one, a third of a lease later, renews the lease before it lapses.
        renewal.scheduleAtFixedRate(() -> {
            try {
                locks.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("owner", owner)),
                        Updates.set("expiresAt", expiry()));
            } catch (RuntimeException e) {
                LOG.warn("Could not renew the lock {}; trying again in {}", name, lease.dividedBy(3), e);
            }
        }, lease.toMillis() / 3, lease.toMillis() / 3, TimeUnit.MILLISECONDS);
        try {
            return work.get();
        } finally {
            renewal.shutdownNow();
            locks.deleteOne(Filters.and(Filters.eq("_id", name), Filters.eq("owner", owner)));
        }
    }

    private void acquire(String name) {
        while (true) {
            try {
                locks.insertOne(new Document("_id", name).append("owner", owner).append("expiresAt", expiry()));
                return;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            // Held: take it over only once its holder has stopped renewing it.
            locks.deleteOne(Filters.and(Filters.eq("_id", name), Filters.lt("expiresAt", new Date())));
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the lock " + name, e);
            }
        }
    }

    private Date expiry() {
        return Date.from(Instant.now().plus(lease));
    }
}
