package org.treatyregistry.platform.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.platform.TestInfrastructure;

/**
 * Two instances of a service: work under one lock never overlaps, a dead holder's lock is taken over, and a live
 * holder's lease is kept through a failed renewal.
 */
class ServiceLockTest {

    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void connect() {
        client = MongoClients.create(TestInfrastructure.mongoBaseUri());
        database = client.getDatabase("locks-" + UUID.randomUUID());
    }

    @AfterEach
    void disconnect() {
        database.drop();
        client.close();
    }

    @Test
    void twoInstancesDoTheWorkOneAfterTheOther() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<CompletableFuture<Integer>> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ServiceLock lock = new ServiceLock(database);
            instances.add(CompletableFuture.supplyAsync(() -> lock.exclusively("reference-data", () -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                sleep(300);
                return inside.decrementAndGet();
            })));
        }
        instances.forEach(CompletableFuture::join);
        assertThat(most.get()).as("instances inside the work at once").isEqualTo(1);
        assertThat(database.getCollection("locks").countDocuments()).as("released").isZero();
    }

    @Test
    void aLockWhoseHolderStoppedRenewingItIsTakenOver() {
        database.getCollection("locks").insertOne(new Document("_id", "reference-data")
                .append("owner", "an instance killed while loading").append("expiresAt", Date.from(Instant.now())));
        assertThat(new ServiceLock(database).exclusively("reference-data", () -> "done")).isEqualTo("done");
    }

    /**
     * A renewal that fails (MongoDB unreachable for a moment) must not end the renewals: the lease would lapse
     * mid-work and another instance take the lock while this one still works under it.
     */
    @Test
    void aFailedRenewalDoesNotStopTheLaterOnes() {
        MongoCollection<Document> locks = spy(database.getCollection("locks"));
        AtomicInteger renewals = new AtomicInteger();
        doAnswer(call -> {
            if (renewals.incrementAndGet() == 1) {
                throw new MongoTimeoutException("injected: MongoDB unreachable for a moment");
            }
            return call.callRealMethod();
        }).when(locks).updateOne(any(Bson.class), any(Bson.class));
        MongoDatabase instance = mock(MongoDatabase.class);
        when(instance.getCollection("locks")).thenReturn(locks);
        Duration lease = Duration.ofMillis(600);

        Date expiresAt = new ServiceLock(instance, lease).exclusively("reference-data", () -> {
            // Past two leases since the failed renewal, unless the lease lapsed first.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> renewals.get() >= 7 || expiresAt(locks).before(new Date()));
            return expiresAt(locks);
        });
        assertThat(expiresAt).as("the lease, renewed after the failure").isAfter(new Date());
    }

    private static Date expiresAt(MongoCollection<Document> locks) {
        return locks.find(new Document("_id", "reference-data")).first().getDate("expiresAt");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
