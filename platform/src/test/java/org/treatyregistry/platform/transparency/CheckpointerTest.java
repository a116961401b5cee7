package org.treatyregistry.platform.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.platform.eventstore.EventLeaf;
import org.treatyregistry.transparency.NoteKeys;

/**
 * A proof of a fact just posted waits for the first checkpoint covering it: the appender's growth is signed soon,
 * not at the next round of the schedule, and a busy log is signed at most once per spacing.
 */
class CheckpointerTest {

    private static final NoteKeys.Signer KEY = NoteKeys.signer(NoteKeys.generate("treaty-registry.test/checkpoints"));
    /** The schedule's round, far longer than the test: only the appender's word can sign in time. */
    private static final Duration NEVER = Duration.ofHours(1);

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private TransparencyLog log;
    private Checkpointer checkpointer;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bind().getHostString() + ":" + server.getLocalAddress()
                .getPort());
        database = client.getDatabase("checkpoints");
        log = new TransparencyLog(database, KEY.name(), KEY, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        checkpointer.stop();
        client.close();
        server.shutdownNow();
    }

    private void startCheckpointer(Duration spacing) {
        LogAudit audit = new LogAudit(log, new RecordedLeaves(database, EventLeaf.sourceOf("test")), database,
                Clock.systemUTC(), new SimpleMeterRegistry());
        checkpointer = new Checkpointer(log, audit, NEVER, spacing, NEVER);
        checkpointer.start();
    }

    @Test
    void theTreeGrownIsSignedSoonAfterTheAppenderSaysSo() {
        startCheckpointer(Duration.ofMillis(50));
        log.append(leaves("a", 3));
        checkpointer.grew();

        await().atMost(Duration.ofSeconds(20)).until(() -> log.latest().map(TransparencyLog.SignedCheckpoint::size)
                .orElse(0L) == 3);

        log.append(leaves("b", 2));
        checkpointer.grew();
        await().atMost(Duration.ofSeconds(20)).until(() -> log.latest().map(TransparencyLog.SignedCheckpoint::size)
                .orElse(0L) == 5);
        assertThat(log.checkpoints(0, 10)).extracting(TransparencyLog.SignedCheckpoint::size).containsExactly(3L, 5L);
    }

    @Test
    void growthWithinOneSpacingIsCoveredByOneCheckpoint() throws InterruptedException {
        startCheckpointer(Duration.ofSeconds(3));
        for (int batch = 0; batch < 5; batch++) {
            log.append(leaves("c" + batch, 2));
            checkpointer.grew();
        }
        // The first word is signed at once, what follows within the spacing once it has passed: two checkpoints.
        await().atMost(Duration.ofSeconds(20)).until(() -> log.latest().map(TransparencyLog.SignedCheckpoint::size)
                .orElse(0L) == 10);
        assertThat(log.checkpoints(0, 10)).hasSizeLessThanOrEqualTo(2);
    }

    private static List<TransparencyLog.Leaf> leaves(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new TransparencyLog.Leaf(prefix + i, i, null,
                "{\"id\":\"" + prefix + i + "\"}")).toList();
    }
}
