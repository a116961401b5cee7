package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The local run's MongoDB keeps every acknowledged write, and its unique indexes, across a kill -9, and its file
 * stops growing once its data stops growing.
 */
class CrashSafeH2BackendTest {

    @Test
    void fileStopsGrowingOnceItsDataStopsGrowing() throws Exception {
        Path file = Files.createTempDirectory("compacting").resolve("mongo.mv");
        CrashSafeH2Backend backend = CrashSafeH2Backend.open(file.toString());
        MongoServer server = new MongoServer(backend);
        List<Long> sizes = new ArrayList<>();
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> facts = client.getDatabase("reporting").getCollection("facts");
            for (int from = 0; from < 10_000; from += 1_000) {
                List<Document> documents = new ArrayList<>();
                for (int i = from; i < from + 1_000; i++) {
                    documents.add(new Document("_id", i).append("payload", payload(i, 0)));
                }
                facts.insertMany(documents);
            }
            sizes.add(Files.size(file));
            // The same 10,000 documents rewritten round after round: the data stays the size it is.
            for (int round = 1; round <= 25; round++) {
                for (int from = 0; from < 10_000; from += 1_000) {
                    List<ReplaceOneModel<Document>> rewrites = new ArrayList<>();
                    for (int i = from; i < from + 1_000; i++) {
                        rewrites.add(new ReplaceOneModel<>(Filters.eq("_id", i),
                                new Document("_id", i).append("payload", payload(i, round))));
                    }
                    facts.bulkWrite(rewrites);
                }
                sizes.add(Files.size(file));
            }
            assertThat(facts.countDocuments()).isEqualTo(10_000);
            assertThat(facts.find(Filters.eq("_id", 9_999)).first().getString("payload"))
                    .isEqualTo(payload(9_999, 25));
        } finally {
            server.shutdownNow();
            Files.deleteIfExists(file);
        }
        System.out.println("file sizes by round: " + sizes);
        assertThat(sizes.get(sizes.size() - 1)).as("file sizes by round: %s", sizes)
                .isLessThanOrEqualTo(4 * sizes.get(0));
    }

    private static String payload(int document, int round) {
        return ("document " + document + " round " + round + " ").repeat(20);
    }

    @Test
    void keepsEveryAcknowledgedWriteAndItsIndexEntriesAcrossAKill() throws Exception {
        String file = Files.createTempDirectory("crash-safe").resolve("mongo.mv").toString();
        CrashSafeH2Backend backend = CrashSafeH2Backend.open(file);
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> events = client.getDatabase("registry").getCollection("domainevents");
            events.createIndex(Indexes.ascending("clientKey"), new IndexOptions().unique(true));
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                documents.add(new Document("_id", (long) i).append("clientKey", "client-" + i + "#0"));
            }
            events.insertMany(documents);
        }
        backend.getMvStore().closeImmediately(); // what a kill -9 leaves: no close, no last commit
        server.shutdownNow();

        MongoServer restarted = new MongoServer(CrashSafeH2Backend.open(file));
        try (MongoClient client = MongoClients.create(restarted.bindAndGetConnectionString())) {
            MongoCollection<Document> events = client.getDatabase("registry").getCollection("domainevents");
            assertThat(events.countDocuments()).isEqualTo(1_000);
            assertThatThrownBy(() -> events.insertMany(List.of(new Document("_id", 5_000L)
                    .append("clientKey", "client-999#0")))).isInstanceOf(MongoBulkWriteException.class);
        } finally {
            restarted.shutdownNow();
            Files.deleteIfExists(Path.of(file));
        }
    }
}
