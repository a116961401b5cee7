package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The local run's MongoDB keeps every acknowledged write, and its unique indexes, across a kill -9. */
class CrashSafeH2BackendTest {

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
