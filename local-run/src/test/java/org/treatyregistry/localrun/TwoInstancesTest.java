package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.treatyregistry.gateway.ApiClient;
import org.treatyregistry.gateway.GatewayTokens;
import org.treatyregistry.gateway.Role;
import org.treatyregistry.platform.eventstore.EventCommit;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;

/**
 * Two instances of a service share one store and its read models. Facts about one State posted to both
 * instances at once, straight and not through the gateway, each land once, in one unbroken stream: the store's
 * per-stream concurrency turns the clash into a 409 that a re-post completes. Then either instance answers a read
 * with the same data.
 */
class TwoInstancesTest {

    private static final int FACTS = 24;
    private static LocalSystem system;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        system = LocalSystem.start(LocalSystem.Settings.inMemory(VerticalSlice.API_KEYS, VerticalSlice.SECRET)
                .withInstances(2));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void factsAboutOneStatePostedToBothInstancesAtOnceAreEachRecordedOnceInOneStream() {
        assertThat(system.instances("registry")).containsExactly("registry", "registry-2");
        List<CompletableFuture<List<String>>> writers = new ArrayList<>();
        for (String instance : system.instances("registry")) {
            writers.add(CompletableFuture.supplyAsync(() -> {
                List<String> clientIds = new ArrayList<>();
                for (int i = 0; i < FACTS / 2; i++) {
                    String clientId = UUID.randomUUID().toString();
                    String fact = """
                            {"clientId": "%s", "type": "PreviouslyUnknownMinedAreaFound", "iso3": "HRV",
                             "foundOn": "2026-%02d-01", "sourceReference": "two instances"}""".formatted(clientId,
                            1 + i % 12);
                    int status;
                    do {
                        status = post(instance, fact);
                    } while (status == 409);
                    assertThat(status).as("answer of %s", instance).isEqualTo(201);
                    clientIds.add(clientId + "#0");
                }
                return clientIds;
            }));
        }
        List<String> posted = writers.stream().flatMap(writer -> writer.join().stream()).toList();

        try (MongoClient mongo = MongoClients.create(system.mongoUri("registry"))) {
            List<Long> sequence = new ArrayList<>();
            List<String> clientKeys = new ArrayList<>();
            for (Document commit : mongo.getDatabase("registry").getCollection(MongoEventStorageEngine.COMMITS)
                    .find().sort(new Document("_id", 1))) {
                for (Document event : EventCommit.events(commit)) {
                    if (posted.contains(event.getString("clientKey"))) {
                        clientKeys.add(event.getString("clientKey"));
                    }
                    if ("HRV".equals(event.getString("aggregateIdentifier"))) {
                        sequence.add(event.get("sequenceNumber", Number.class).longValue());
                    }
                }
            }
            sequence.sort(null);
            assertThat(clientKeys).as("each posted fact recorded once").hasSize(FACTS)
                    .containsExactlyInAnyOrderElementsOf(posted);
            for (int i = 0; i < sequence.size(); i++) {
                assertThat(sequence.get(i)).as("the stream has no hole and no repeat").isEqualTo((long) i);
            }
        }
    }

    @Test
    void eitherInstanceAnswersAReadWithTheSameData() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> bodies = system.instances("registry").stream()
                    .map(instance -> get(instance, "/api/registry/states/KHM/history")).toList();
            assertThat(bodies.get(0)).contains("KHM");
            assertThat(bodies).as("the same answer from each instance").containsOnly(bodies.get(0));
        });
    }

    private int post(String instance, String body) {
        return send(instance, HttpRequest.newBuilder(uri(instance, "/api/registry/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)),
                Role.INTEGRATION).statusCode();
    }

    private String get(String instance, String path) {
        HttpResponse<String> response = send(instance, HttpRequest.newBuilder(uri(instance, path)).GET(), Role.AUDITOR);
        assertThat(response.statusCode()).as("GET %s on %s: %s", path, instance, response.body()).isEqualTo(200);
        return response.body();
    }

    /** Straight to the instance, with the token the gateway would sign for it. */
    private HttpResponse<String> send(String instance, HttpRequest.Builder request, Role role) {
        String token = new GatewayTokens(VerticalSlice.SECRET, Clock.systemUTC())
                .mint(new ApiClient("two-instances", role), UUID.randomUUID().toString());
        try {
            return http.send(request.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request to " + instance + " failed", e);
        }
    }

    private static URI uri(String instance, String path) {
        return URI.create("http://localhost:" + system.port(instance) + path);
    }
}
