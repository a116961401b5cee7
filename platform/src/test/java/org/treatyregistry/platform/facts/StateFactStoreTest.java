package org.treatyregistry.platform.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.platform.TestInfrastructure;

/** Platform issue, defect 7: appends to one State from two consumers at once must not lose either fact. */
class StateFactStoreTest {

    private MongoClient client;
    private MongoDatabase database;
    private StateFactStore store;

    @BeforeEach
    void connect() {
        client = MongoClients.create(TestInfrastructure.mongoBaseUri());
        database = client.getDatabase("facts-" + UUID.randomUUID());
        store = new StateFactStore(database, "states", new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
    }

    @AfterEach
    void disconnect() {
        database.drop();
        client.close();
    }

    @Test
    void keepsEveryFactWhenConsumersAppendToOneStateConcurrently() {
        int writers = 4;
        int perWriter = 50;
        CyclicBarrier start = new CyclicBarrier(writers);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            running.add(CompletableFuture.runAsync(() -> {
                await(start);
                for (int i = 0; i < perWriter; i++) {
                    store.append(new Fact("event-" + writer + "-" + i, Instant.now(), "integration",
                            signed("source " + i)));
                }
            }));
        }
        running.forEach(CompletableFuture::join);

        assertThat(store.find("KHM").orElseThrow().facts()).hasSize(writers * perWriter);
    }

    @Test
    void changesNothingWhenAFactIsDeliveredAgain() {
        store.append(new Fact("event-1", Instant.now(), "integration", signed("first")));
        store.append(new Fact("event-1", Instant.now(), "integration", signed("first")));
        store.append(new Fact("event-2", Instant.now(), "integration", signed("second")));
        store.append(new Fact("event-1", Instant.now(), "integration", signed("first")));

        assertThat(store.find("KHM").orElseThrow().facts()).extracting(Fact::eventId)
                .containsExactly("event-1", "event-2");
    }

    private static TreatySigned signed(String source) {
        return new TreatySigned("KHM", "Cambodia", LocalDate.of(1997, 12, 3), null, source);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
