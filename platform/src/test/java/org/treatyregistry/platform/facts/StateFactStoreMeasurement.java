package org.treatyregistry.platform.facts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.platform.TestInfrastructure;

/**
 * Figures, not a proof (nothing is asserted): 100,000 facts in one State and over 160 States on mongo-java-server,
 * appended in batches of 100 as a processor's batch end appends them. Run with {@code -Dfacts.measure=true}.
 */
@EnabledIfSystemProperty(named = "facts.measure", matches = "true")
class StateFactStoreMeasurement {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void measures() {
        try (MongoClient client = MongoClients.create(TestInfrastructure.mongoBaseUri())) {
            measure(client.getDatabase("measure-" + UUID.randomUUID()), 1);
            measure(client.getDatabase("measure-" + UUID.randomUUID()), 160);
            measureOldShape(client.getDatabase("measure-" + UUID.randomUUID()), 160);
        }
    }

    /** The same load on the earlier shape, one document per State: one update per State and batch. */
    private static void measureOldShape(MongoDatabase database, int states) {
        MongoCollection<Document> collection = database.getCollection("facts");
        long start = System.nanoTime();
        for (int batch = 0; batch < 1_000; batch++) {
            Map<String, List<Document>> byState = new LinkedHashMap<>();
            for (int i = 0; i < 100; i++) {
                int n = batch * 100 + i;
                byState.computeIfAbsent(iso3(n, states), k -> new ArrayList<>()).add(new Document("eventId",
                        "event-" + n).append("type", "TreatySigned").append("recordedAt", new Date())
                        .append("principal", "integration").append("payload", "{\"source\":\"source " + n + "\"}"));
            }
            byState.forEach((iso3, facts) -> collection.updateOne(Filters.and(Filters.eq("_id", iso3),
                    Filters.nin("facts.eventId", facts.stream().map(f -> f.getString("eventId")).toList())),
                    Updates.pushEach("facts", facts), new UpdateOptions().upsert(true)));
        }
        System.out.printf("%d States, one document per State: 100,000 facts appended in %d ms%n", states,
                (System.nanoTime() - start) / 1_000_000);
        database.drop();
    }

    private static String iso3(int n, int states) {
        return "S" + String.format("%02d", (n % states) % 100) + (char) ('A' + (n % states) / 100);
    }

    private static void measure(MongoDatabase database, int states) {
        StateFactStore store = new StateFactStore(database, "facts", JSON);
        long start = System.nanoTime();
        for (int batch = 0; batch < 1_000; batch++) {
            List<Fact> facts = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = batch * 100 + i;
                String iso3 = iso3(n, states);
                facts.add(new Fact("event-" + n, Instant.now(), "integration", new TreatySigned(iso3, "State",
                        LocalDate.of(1997, 12, 3), null, "source " + n)));
            }
            store.appendAll(facts);
        }
        long appended = System.nanoTime();
        String first = states == 1 ? "S00A" : "S01A";
        int found = store.find(first).orElseThrow().facts().size();
        long foundAt = System.nanoTime();
        int all = store.all().stream().mapToInt(s -> s.facts().size()).sum();
        long allAt = System.nanoTime();
        store.append(new Fact("event-again", Instant.now(), "integration", new TreatySigned(first, "State",
                LocalDate.of(1997, 12, 3), null, "one more")));
        long oneAt = System.nanoTime();
        long documents = 0;
        int largest = 0;
        for (String name : database.listCollectionNames()) {
            for (RawBsonDocument d : database.getCollection(name, RawBsonDocument.class).find()) {
                documents++;
                largest = Math.max(largest, d.getByteBuffer().remaining());
            }
        }
        System.out.printf("%d States: 100,000 facts appended in %d ms (%d facts/s); find(one State, %d facts) %d ms; "
                        + "all() (%d facts) %d ms; one more append %d ms; %d documents, largest %d bytes%n",
                states, (appended - start) / 1_000_000, 100_000L * 1_000_000_000 / (appended - start), found,
                (foundAt - appended) / 1_000_000, all, (allAt - foundAt) / 1_000_000, (oneAt - allAt) / 1_000_000,
                documents, largest);
        database.drop();
    }
}
