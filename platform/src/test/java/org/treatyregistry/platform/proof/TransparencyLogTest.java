package org.treatyregistry.platform.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.eventstore.EventCommit;
import org.treatyregistry.platform.eventstore.EventLeaf;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.kafka.EventTopicsAutoConfiguration;
import org.treatyregistry.platform.transparency.LogAppender;
import org.treatyregistry.platform.transparency.LogAudit;
import org.treatyregistry.platform.transparency.LogController;
import org.treatyregistry.platform.transparency.TransparencyLog;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.transparency.Checkpoint;
import org.treatyregistry.transparency.Monitor;
import org.treatyregistry.transparency.NoteKeys;
import org.treatyregistry.transparency.ProofBundle;
import org.treatyregistry.transparency.SignedNote;
import org.treatyregistry.transparency.Tiles;
import org.treatyregistry.transparency.VerificationException;

/**
 * The transparency log over a service's store: every stored event logged once, in store order, provable in a signed
 * checkpoint; and the three tamper drills, each caught three ways: by the service's self-audit, by a proof taken
 * earlier checked against the record now (what {@code ./verify proof --log} does), and by a monitor holding an
 * earlier checkpoint (what {@code ./verify monitor} does). The drills run in order on one store.
 */
@SpringBootTest(classes = ProofApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransparencyLogTest {

    private static final String SERVICE = "proof-tlog";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final NoteKeys.Signer KEY = NoteKeys.signer(NoteKeys.generate("treaty-registry.test/" + SERVICE));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties(SERVICE).forEach((k, v) -> registry.add(k, () -> v));
        registry.add("treaty.log.key", () -> KEY.encoded(seedOf()));
    }

    /** The test key as an operator would hold it. */
    private static byte[] seedOf() {
        byte[] pkcs8 = KEY.key().getEncoded();
        return java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    TransparencyLog log;
    @Autowired
    LogAudit audit;
    @Autowired
    MongoDatabase serviceDatabase;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MeterRegistry meters;
    @Autowired
    org.treatyregistry.platform.operations.Replays replays;
    @Autowired
    org.treatyregistry.platform.transparency.RecordedLeaves leaves;

    private LogController api() {
        return new LogController(log, leaves);
    }

    /** The log as an outsider reads it, through the service's API. */
    private Monitor.Log served() {
        LogController api = api();
        return new Monitor.Log() {
            @Override
            public String checkpoint() {
                return api.checkpoint().getBody();
            }

            @Override
            public byte[] tile(int level, long index, long size) {
                return get(new Tiles.Tile(level, index, width(level, index, size)));
            }

            @Override
            public byte[] entries(long index, long size) {
                return get(new Tiles.Tile(Tiles.ENTRIES, index, width(0, index, size)));
            }

            private byte[] get(Tiles.Tile tile) {
                try {
                    return api.tile(new MockHttpServletRequest("GET", "/api/" + SERVICE + "/log/" + tile.path()))
                            .getBody();
                } catch (ProblemException e) {
                    throw new IllegalStateException(e.problem().getDetail(), e);
                }
            }

            private int width(int level, long index, long size) {
                long hashes = size;
                for (int l = 0; l < level; l++) {
                    hashes /= Tiles.WIDTH;
                }
                return index < hashes / Tiles.WIDTH ? Tiles.WIDTH : (int) (hashes % Tiles.WIDTH);
            }
        };
    }

    @Test
    @Order(1)
    void everyStoredEventIsLoggedOnceInStoreOrderAndProvenInASignedCheckpoint() {
        publish("ALB", 5);
        publish("AGO", 4);
        awaitCheckpointOf(9);
        Checkpoint first = Checkpoint.verified(SignedNote.parse(api().checkpoint().getBody()), KEY.verifier(),
                KEY.name());
        assertThat(first.size()).isEqualTo(9);

        List<TransparencyLog.Entry> entries = log.entries(0, 9);
        assertThat(entries).extracting(TransparencyLog.Entry::position).isSorted().doesNotHaveDuplicates();
        for (TransparencyLog.Entry entry : entries) {
            // The leaf kept beside the event in the store is the one logged.
            Document stored = storedEvent(entry.position());
            assertThat(stored.getString(EventLeaf.LEAF)).isEqualTo(entry.leaf());
            assertThat(entry.leaf()).startsWith("{\"data\":{").contains("\"id\":\"" + entry.eventId() + "\"")
                    .contains("\"position\":" + entry.position()).contains("\"type\":\"org.treatyregistry.");
            ProofBundle bundle = ProofBundle.parse(api().proof(entry.eventId()).getBody());
            assertThat(bundle.verify(KEY.verifier(), KEY.name())).isEqualTo(first);
        }

        publish("ARG", 3);
        awaitCheckpointOf(12);
        Monitor.Look look = new Monitor(List.of(KEY.verifier()), KEY.name(), true).look(served(),
                SignedNote.parse(log.checkpointOfSize(9).orElseThrow().note()));
        assertThat(look.trusted().size()).isEqualTo(12);
        assertThat(api().consistency(9, 12).path()).isNotEmpty();
        assertThat(audit.pass()).isEmpty();
        assertThat(audit.read().attention()).isFalse();
        // Each CloudEvent on Kafka carries the event's index in the log.
        List<ConsumerRecord<String, byte[]>> records = TestInfrastructure.readTopic(
                EventTopicsAutoConfiguration.topicOf(SERVICE), 12, PATIENCE);
        assertThat(records).hasSizeGreaterThanOrEqualTo(12).allSatisfy(record -> {
            JsonNode cloudEvent = new ObjectMapper().readTree(record.value());
            assertThat(cloudEvent.path("logindex").asText()).isEqualTo(String.valueOf(
                    log.entryOfEvent(cloudEvent.path("id").asText()).orElseThrow().index()));
        });
        // A log is never replayed: its leaves keep their indexes.
        assertThatThrownBy(() -> replays.replay(LogAppender.PROCESSING_GROUP)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("never replayed");
    }

    @Test
    @Order(2)
    void anEventsDateEditedInTheStoreIsCaughtThreeWays() {
        SignedNote held = SignedNote.parse(api().checkpoint().getBody());
        TransparencyLog.Entry target = log.entries(0, 12).get(2);
        ProofBundle earlier = ProofBundle.parse(api().proof(target.eventId()).getBody());
        double before = meters.counter("treaty.log.mismatches").count();

        editStoredEvent(target.position(), payload -> payload.replace("\"2000-01-03\"", "\"1999-01-03\""));

        // 1. The self-audit names the entry and what changed; health turns to attention; the metric counts it.
        List<LogAudit.Finding> findings = audit.pass();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(2);
            assertThat(f.eventId()).isEqualTo(target.eventId());
            assertThat(f.problem()).contains("data");
        });
        assertThat(audit.read().attention()).isTrue();
        assertThat(meters.counter("treaty.log.mismatches").count()).isEqualTo(before + 1);
        // 2. A proof taken earlier still verifies, but the record's proof of the same fact now does not.
        earlier.verify(KEY.verifier(), KEY.name());
        ProofBundle now = ProofBundle.parse(api().proof(target.eventId()).getBody());
        assertThat(now.entry()).isNotEqualTo(earlier.entry());
        assertThatThrownBy(() -> now.verify(KEY.verifier(), KEY.name())).isInstanceOf(VerificationException.class)
                .hasMessageContaining("not in the signed tree");
        // 3. A monitor holding the earlier checkpoint finds the entry no longer hashing to its leaf.
        assertThatThrownBy(() -> new Monitor(List.of(KEY.verifier()), KEY.name(), true).look(served(), held))
                .hasMessageStartingWith("CHANGED: entry 2");

        editStoredEvent(target.position(), payload -> payload.replace("\"1999-01-03\"", "\"2000-01-03\""));
        assertThat(audit.pass()).isEmpty();
    }

    @Test
    @Order(3)
    void anEventEditedTogetherWithItsLoggedLeafAndItsLeafsTileIsCaughtByTheTreeAbove() {
        // A full tile of 256 leaves, hashed into the level above.
        ProofEvents.states(40).stream().filter(iso3 -> !List.of("ALB", "AGO", "ARG").contains(iso3)).limit(30)
                .forEach(iso3 -> publish(iso3, 10));
        awaitCheckpointOf(312);
        SignedNote held = SignedNote.parse(api().checkpoint().getBody());
        assertThat(audit.pass()).isEmpty();
        TransparencyLog.Entry target = log.entries(0, 312).get(3);
        MongoCollection<Document> entries = serviceDatabase.getCollection("tlog_entries");
        MongoCollection<Document> tiles = serviceDatabase.getCollection("tlog_tiles");
        byte[] tile = tiles.find(Filters.eq("_id", "0/0")).first().get("hashes", org.bson.types.Binary.class)
                .getData();

        // The date edited, and the log's copy of the leaf and the leaf's hash in its tile rewritten to match.
        editStoredEvent(target.position(), payload -> payload.replace("\"2000-01-04\"", "\"1999-01-04\""));
        String forged = leaves.of(target).leaf();
        byte[] forgedTile = tile.clone();
        System.arraycopy(org.treatyregistry.transparency.Merkle.leafHash(forged.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), 0, forgedTile, 3 * 32, 32);
        entries.updateOne(Filters.eq("_id", 3L), Updates.set("leaf", forged));
        tiles.updateOne(Filters.eq("_id", "0/0"), Updates.set("hashes", new org.bson.types.Binary(forgedTile)));
        try {
            assertThat(audit.pass()).anySatisfy(f -> assertThat(f.problem()).contains("tile 0/0 no longer hashes"));
            assertThatThrownBy(() -> new Monitor(List.of(KEY.verifier()), KEY.name(), true).look(served(), held))
                    .hasMessageContaining("CHANGED: the log's tiles [0/0]");
        } finally {
            editStoredEvent(target.position(), payload -> payload.replace("\"1999-01-04\"", "\"2000-01-04\""));
            entries.updateOne(Filters.eq("_id", 3L), Updates.set("leaf", target.leaf()));
            tiles.updateOne(Filters.eq("_id", "0/0"), Updates.set("hashes", new org.bson.types.Binary(tile)));
        }
        assertThat(audit.pass()).isEmpty();
    }

    @Test
    @Order(4)
    void anEventDeletedFromTheStoreIsCaughtThreeWays() {
        SignedNote held = SignedNote.parse(api().checkpoint().getBody());
        TransparencyLog.Entry target = log.entries(0, 312).get(5);
        Document commit = commitHolding(target.position());

        commits().deleteOne(Filters.eq("_id", commit.get("_id")));
        try {
            assertThat(audit.pass()).anySatisfy(f -> {
                assertThat(f.index()).isEqualTo(5);
                assertThat(f.problem()).contains("deleted");
            });
            assertThatThrownBy(() -> api().proof(target.eventId())).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().getStatus()).isEqualTo(410));
            assertThatThrownBy(() -> new Monitor(List.of(KEY.verifier()), KEY.name(), true).look(served(), held))
                    .hasMessageStartingWith("ENTRIES");
        } finally {
            commits().insertOne(commit);
        }
        assertThat(audit.pass()).isEmpty();
    }

    @Test
    @Order(5)
    void aLogRebuiltFromAnAlteredStoreAndSignedAgainWithTheSameKeyIsCaughtThreeWays() {
        SignedNote held = SignedNote.parse(api().checkpoint().getBody());
        TransparencyLog.Entry target = log.entries(0, 312).get(1);
        ProofBundle earlier = ProofBundle.parse(api().proof(target.eventId()).getBody());
        assertThat(audit.pass()).isEmpty();

        // Whoever can write to MongoDB: the deposit date changed and the leaf beside it removed, the log dropped
        // and built again from the store by the service itself, signed with its own key.
        EventProcessor appender = processing.eventProcessor(LogAppender.PROCESSING_GROUP).orElseThrow();
        appender.shutDown();
        editStoredEvent(target.position(), payload -> payload.replace("\"2000-01-02\"", "\"1998-01-02\""));
        Document commit = commitHolding(target.position());
        commits().updateOne(Filters.eq("_id", commit.get("_id")), Updates.unset("events." + indexIn(commit,
                target.position()) + "." + EventLeaf.LEAF));
        for (String collection : List.of("tlog_entries", "tlog_tiles", "tlog_head", "tlog_checkpoints")) {
            serviceDatabase.getCollection(collection).drop();
        }
        serviceDatabase.getCollection("trackingtokens")
                .deleteMany(Filters.eq("processorName", LogAppender.PROCESSING_GROUP));
        appender.start();
        awaitCheckpointOf(312);
        Checkpoint rebuilt = Checkpoint.verified(SignedNote.parse(api().checkpoint().getBody()), KEY.verifier(),
                KEY.name());
        assertThat(rebuilt.root()).isNotEqualTo(Checkpoint.parse(held.text()).root());

        // 1. The self-audit remembers the checkpoint it saw at its previous pass.
        assertThat(audit.pass()).anySatisfy(f -> assertThat(f.problem()).contains("the log was rewritten"));
        // 2. The proof taken earlier: its checkpoint and the log's latest are two different trees.
        earlier.verify(KEY.verifier(), KEY.name());
        assertThatThrownBy(() -> new Monitor(List.of(KEY.verifier()), KEY.name(), false).look(served(),
                earlier.checkpoint()))
                .hasMessageStartingWith("FORK");
        // 3. A monitor holding the earlier checkpoint.
        assertThatThrownBy(() -> new Monitor(List.of(KEY.verifier()), KEY.name(), false).look(served(), held))
                .hasMessageStartingWith("FORK: two signed trees of size 312");
    }

    private void awaitCheckpointOf(long size) {
        try {
            await().atMost(PATIENCE).until(() -> log.latest().map(TransparencyLog.SignedCheckpoint::size).orElse(0L)
                    == size);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no checkpoint of " + size + ": log at " + log.size() + ", latest "
                    + log.latest().map(TransparencyLog.SignedCheckpoint::size) + ", tokens " + serviceDatabase
                    .getCollection("trackingtokens").find(Filters.eq("processorName", LogAppender.PROCESSING_GROUP))
                    .into(new ArrayList<>()), e);
        }
    }

    private void publish(String iso3, int events) {
        List<DomainEventMessage<?>> commit = new ArrayList<>();
        LongStream.range(0, events).forEach(s -> commit.add(ProofEvents.event(iso3, s)));
        eventStore.publish(commit);
    }

    private MongoCollection<Document> commits() {
        return serviceDatabase.getCollection(MongoEventStorageEngine.COMMITS);
    }

    private Document commitHolding(long position) {
        return EventCommit.withAny(commits(), EventCommit.POSITIONS, List.of(position)).get(0);
    }

    private static int indexIn(Document commit, long position) {
        List<Document> events = EventCommit.events(commit);
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).get("position", Number.class).longValue() == position) {
                return i;
            }
        }
        throw new IllegalStateException("no position " + position);
    }

    private Document storedEvent(long position) {
        Document commit = commitHolding(position);
        return EventCommit.events(commit).get(indexIn(commit, position));
    }

    private void editStoredEvent(long position, java.util.function.UnaryOperator<String> edit) {
        Document commit = commitHolding(position);
        int i = indexIn(commit, position);
        String payload = EventCommit.events(commit).get(i).getString("payload");
        String edited = edit.apply(payload);
        assertThat(edited).as("the edit changes the payload").isNotEqualTo(payload);
        commits().updateOne(Filters.eq("_id", commit.get("_id")), Updates.set("events." + i + ".payload", edited));
    }
}
