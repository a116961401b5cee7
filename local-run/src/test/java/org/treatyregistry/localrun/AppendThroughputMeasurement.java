package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test of behaviour: facts appended per second through the gateway (authentication, token,
 * validation, command, event store, answer) against raw driver inserts into the same MongoDB server. Run with
 * {@code ./mvnw -pl local-run verify -Dtest=AppendThroughputMeasurement -Dtreaty.measure=true}.
 */
@EnabledIfSystemProperty(named = "treaty.measure", matches = "true", disabledReason = "a measurement; -Dtreaty.measure=true")
class AppendThroughputMeasurement {

    @Test
    void measure() {
        try (LocalSystem system = LocalSystem.start(
                LocalSystem.Settings.inMemory(VerticalSlice.API_KEYS, VerticalSlice.SECRET))) {
            VerticalSlice client = new VerticalSlice(system.gatewayPort());
            List<String> parties = client.get("/api/registry/states?asOf=2020-01-01&status=STATE_PARTY",
                    VerticalSlice.AUDITOR_KEY).json().findValuesAsText("iso3");
            int single = 300;
            long started = System.nanoTime();
            for (int i = 0; i < single; i++) {
                assertThat(client.post("/api/registry/events", VerticalSlice.INTEGRATION_KEY,
                        fact(parties.get(i % parties.size()))).status()).isEqualTo(201);
            }
            double singleSeconds = (System.nanoTime() - started) / 1e9;

            int batchSize = 1_000;
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < batchSize; i++) {
                batch.append(i > 0 ? "," : "").append(fact(parties.get(i % parties.size())));
            }
            started = System.nanoTime();
            assertThat(client.post("/api/registry/events", VerticalSlice.INTEGRATION_KEY, batch + "]").status())
                    .isEqualTo(201);
            double batchSeconds = (System.nanoTime() - started) / 1e9;

            int raw = 5_000;
            try (MongoClient mongo = MongoClients.create(system.mongoUri("measure"))) {
                MongoCollection<Document> collection = mongo.getDatabase("measure").getCollection("raw");
                started = System.nanoTime();
                for (int i = 0; i < raw; i++) {
                    collection.insertOne(new Document("_id", (long) i).append("aggregateKey", "S" + i + "#0")
                            .append("payload", fact("UKR")));
                }
            }
            double rawSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%nMEASURED through the gateway, one fact per request: %d in %.2f s = %.0f/s%n",
                    single, singleSeconds, single / singleSeconds);
            System.out.printf("MEASURED through the gateway, one batch of %d facts: %.2f s = %.0f/s%n",
                    batchSize, batchSeconds, batchSize / batchSeconds);
            System.out.printf("MEASURED raw driver insertOne into the same server: %d in %.2f s = %.0f/s%n%n",
                    raw, rawSeconds, raw / rawSeconds);
        }
    }

    /** A fact any State Party may have any number of: repeatable, so the measure needs no fresh States. */
    private static String fact(String iso3) {
        return """
                {"clientId": "%s", "type": "MinedAreasReported", "iso3": "%s", "reportedOn": "2020-01-15",
                 "sourceReference": "synthetic: throughput measurement"}""".formatted(UUID.randomUUID(), iso3);
    }
}
