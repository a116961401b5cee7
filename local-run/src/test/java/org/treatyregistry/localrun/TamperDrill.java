package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/**
 * The tamper drills' fact and what they do to it: a hypothetical accession posted through the gateway as any
 * integration would, then changed where it is stored, as whoever can write to the service's MongoDB could.
 */
final class TamperDrill {

    static final String STATE = "CHN";
    static final String DEPOSITED = "2024-06-03";

    private TamperDrill() {
    }

    /**
     * Posts China's accession through the gateway (a State not party, which no other test posts for); returns the
     * client id it was posted under.
     */
    static String postTheAccession(int gatewayPort) throws Exception {
        String clientId = UUID.randomUUID().toString();
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + gatewayPort + "/api/registry/events"))
                .header("X-API-Key", VerticalSlice.INTEGRATION_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"clientId": "%s", "type": "InstrumentDeposited", "iso3": "%s", "instrumentType": "ACCESSION",
                         "depositDate": "%s"}""".formatted(clientId, STATE, DEPOSITED))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        return clientId;
    }

    /** Replaces {@code from} with {@code to} in the stored payload of event {@code eventId}, where it is stored. */
    static void editStoredPayload(LocalSystem system, String service, String eventId, String from, String to) {
        try (MongoClient mongo = MongoClients.create(system.mongoUri(service))) {
            MongoCollection<Document> commits = mongo.getDatabase(service).getCollection("eventcommits");
            Document commit = commits.find(Filters.eq("events.eventIdentifier", eventId)).first();
            List<Document> events = commit.getList("events", Document.class);
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).getString("eventIdentifier").equals(eventId)) {
                    commits.updateOne(Filters.eq("_id", commit.get("_id")), Updates.set("events." + i + ".payload",
                            events.get(i).getString("payload").replace(from, to)));
                }
            }
        }
    }
}
