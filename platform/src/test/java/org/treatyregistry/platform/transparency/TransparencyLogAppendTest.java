package org.treatyregistry.platform.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.transparency.Merkle;
import org.treatyregistry.transparency.NoteKeys;

/**
 * An append goes in at the head at once, and only when it clashes looks at what is logged: these are the clashes.
 * Each ends with every event logged once, in order, and the tree's root the one RFC 6962 gives for those leaves.
 */
class TransparencyLogAppendTest {

    private static final NoteKeys.Signer KEY = NoteKeys.signer(NoteKeys.generate("treaty-registry.test/append"));

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bind().getHostString() + ":" + server.getLocalAddress()
                .getPort());
        database = client.getDatabase("append");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private TransparencyLog log() {
        return new TransparencyLog(database, KEY.name(), KEY, Clock.systemUTC());
    }

    @Test
    void aBatchDeliveredAgainIsNotLoggedTwice() {
        TransparencyLog log = log();
        List<TransparencyLog.Leaf> first = leaves("a", 5);
        List<TransparencyLog.Leaf> second = leaves("b", 3);
        log.append(first);

        long size = log.append(concat(first, second));

        assertLogged(log, size, concat(first, second));
    }

    @Test
    void entriesACrashLeftPastTheHeadAreHashedBeforeTheNextBatch() {
        TransparencyLog log = log();
        List<TransparencyLog.Leaf> first = leaves("a", 3);
        List<TransparencyLog.Leaf> interrupted = leaves("c", 300);
        List<TransparencyLog.Leaf> next = leaves("d", 4);
        log.append(first);
        // A crash after the entries were inserted, before their tiles and the head were written.
        List<Document> stranded = new ArrayList<>();
        for (int i = 0; i < interrupted.size(); i++) {
            TransparencyLog.Leaf leaf = interrupted.get(i);
            stranded.add(new Document("_id", (long) first.size() + i).append("eventId", leaf.eventId())
                    .append("position", leaf.position()).append("leaf", leaf.leaf()));
        }
        database.getCollection(TransparencyLog.ENTRIES).insertMany(stranded);
        assertThat(log.size()).isEqualTo(first.size());

        long size = log.append(concat(interrupted.subList(250, 300), next));

        assertLogged(log, size, concat(concat(first, interrupted), next));
    }

    @Test
    void aWriterBehindAnotherLogsOnlyWhatTheOtherDidNot() {
        TransparencyLog one = log();
        TransparencyLog other = log();
        List<TransparencyLog.Leaf> first = leaves("a", 2);
        List<TransparencyLog.Leaf> second = leaves("b", 6);
        one.append(first);
        one.append(second.subList(0, 3));

        long size = other.append(concat(first, second));

        assertLogged(other, size, concat(first, second));
        assertThat(one.size()).isEqualTo(size);
    }

    @Test
    void aWriterWhoseEdgeAnotherMovedHashesFromTheStoredTiles() {
        TransparencyLog one = log();
        TransparencyLog other = log();
        List<TransparencyLog.Leaf> first = leaves("a", 300);
        List<TransparencyLog.Leaf> second = leaves("b", 10);
        List<TransparencyLog.Leaf> third = leaves("c", 20);
        one.append(first);
        other.append(concat(first, second));

        long size = one.append(third);

        assertLogged(one, size, concat(concat(first, second), third));
    }

    @Test
    void checkpointsSignedPastAPointerThatDidNotMoveAreTheLatest() {
        TransparencyLog log = log();
        List<TransparencyLog.Leaf> all = leaves("a", 9);
        for (int size = 1; size <= all.size(); size++) {
            log.append(all.subList(0, size));
            log.checkpoint();
        }
        // Crashes between each checkpoint's insert and its pointer's move: the pointer left at the first one.
        database.getCollection(TransparencyLog.HEAD).updateOne(Filters.eq("_id", "checkpoint"),
                Updates.set("sequence", 0L));

        assertThat(log.latest()).get().extracting(TransparencyLog.SignedCheckpoint::sequence,
                TransparencyLog.SignedCheckpoint::size).containsExactly(8L, 9L);
    }

    private void assertLogged(TransparencyLog log, long size, List<TransparencyLog.Leaf> expected) {
        assertThat(size).isEqualTo(expected.size());
        assertThat(log.size()).isEqualTo(expected.size());
        assertThat(log.entries(0, size)).extracting(TransparencyLog.Entry::eventId)
                .containsExactlyElementsOf(expected.stream().map(TransparencyLog.Leaf::eventId).toList());
        assertThat(database.getCollection(TransparencyLog.ENTRIES).countDocuments()).isEqualTo(expected.size());
        List<byte[]> hashes = expected.stream()
                .map(l -> Merkle.leafHash(l.leaf().getBytes(StandardCharsets.UTF_8))).toList();
        assertThat(Merkle.root(log.subtrees(), size)).isEqualTo(treeHash(hashes));
        assertThat(log.checkpoint()).get().extracting(TransparencyLog.SignedCheckpoint::size).isEqualTo(size);
    }

    /** RFC 6962, section 2.1: MTH over the leaf hashes, straight from its definition. */
    private static byte[] treeHash(List<byte[]> leafHashes) {
        if (leafHashes.size() == 1) {
            return leafHashes.get(0);
        }
        int split = Integer.highestOneBit(leafHashes.size() - 1);
        return Merkle.nodeHash(treeHash(leafHashes.subList(0, split)),
                treeHash(leafHashes.subList(split, leafHashes.size())));
    }

    private static List<TransparencyLog.Leaf> leaves(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> new TransparencyLog.Leaf(prefix + "-" + i, i, null,
                "{\"id\":\"" + prefix + "-" + i + "\"}")).toList();
    }

    private static List<TransparencyLog.Leaf> concat(List<TransparencyLog.Leaf> a, List<TransparencyLog.Leaf> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
