package org.treatyregistry.platform.instances;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.platform.TestInfrastructure;

/** Two instances of a service: work under one lock never overlaps, and a dead holder's lock is taken over. */
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
