package org.treatyregistry.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A proof bundle checked by {@code ./verify}, and the monitor catching a rewritten log. */
class MonitorAndVerifyTest {

    private static final String ORIGIN = "log.example/registry";
    private NoteKeys.Signer signer = NoteKeys.signer(NoteKeys.generate(ORIGIN));

    /** A log kept as tiles in memory, signing a checkpoint on demand. */
    private final class TiledLog implements Monitor.Log {
        final Map<String, byte[]> tiles = new HashMap<>();
        final List<String> served = new ArrayList<>();
        long size;

        TiledLog append(String... entries) {
            Tiles.Appender appender = new Tiles.Appender(size, this::stored);
            for (String entry : entries) {
                appender.append(Merkle.leafHash(entry.getBytes(StandardCharsets.UTF_8)));
                served.add(entry);
            }
            appender.drainChanged().forEach((tile, hashes) -> tiles.put(tile.level() + "/" + tile.index(), hashes));
            size = appender.size();
            return this;
        }

        byte[] stored(int level, long index) {
            return tiles.get(level + "/" + index);
        }

        Checkpoint head() {
            return new Checkpoint(ORIGIN, size, Merkle.root(Tiles.subtrees(this::stored), size));
        }

        @Override
        public String checkpoint() {
            return SignedNote.sign(head().text(), signer).encoded();
        }

        @Override
        public byte[] tile(int level, long index, long treeSize) {
            return stored(level, index);
        }

        @Override
        public byte[] entries(long index, long treeSize) {
            int first = (int) index * Tiles.WIDTH;
            return Tiles.bundle(served.subList(first, (int) Math.min(treeSize, first + Tiles.WIDTH)).stream()
                    .map(e -> e.getBytes(StandardCharsets.UTF_8)).toList());
        }
    }

    @Test
    void aProofSavedToAFileVerifiesOfflineAndAnAlteredEntryFails(@TempDir Path dir) throws Exception {
        TiledLog log = new TiledLog().append("a", "b", "c", "{\"date\":\"1999-03-01\"}", "e");
        Merkle.Subtrees tree = Tiles.subtrees(log::stored);
        byte[] entry = "{\"date\":\"1999-03-01\"}".getBytes(StandardCharsets.UTF_8);
        ProofBundle bundle = new ProofBundle(entry, 3, Merkle.inclusionProof(tree, 3, 5),
                SignedNote.parse(log.checkpoint()));
        Path file = dir.resolve("fact.tlog-proof");
        Files.writeString(file, bundle.encoded());
        String key = signer.verifier().encoded();

        assertThat(run("proof", file.toString(), "--key", key, "--origin", ORIGIN)).startsWith("0:VERIFIED: entry 3");

        Files.writeString(file, bundle.encoded().replace(
                java.util.Base64.getEncoder().encodeToString(entry),
                java.util.Base64.getEncoder().encodeToString("{\"date\":\"1999-03-02\"}".getBytes())));
        assertThat(run("proof", file.toString(), "--key", key)).startsWith("1:FAILED: the entry at index 3");

        NoteKeys.Verifier other = NoteKeys.signer(NoteKeys.generate(ORIGIN)).verifier();
        Files.writeString(file, bundle.encoded());
        assertThat(run("proof", file.toString(), "--key", other.encoded())).startsWith("1:FAILED: the checkpoint");
    }

    @Test
    void theMonitorTrustsGrowthAndCatchesARewriteAShrinkAndASecondTreeOfOneSize() {
        Monitor monitor = new Monitor(List.of(signer.verifier()), ORIGIN, false);
        TiledLog log = new TiledLog().append("a", "b", "c");
        Monitor.Look first = monitor.look(log, null);
        assertThat(first.trusted().size()).isEqualTo(3);
        log.append("d", "e", "f", "g");
        Monitor.Look grown = monitor.look(log, first.note());
        assertThat(grown.advanced()).isTrue();
        assertThat(grown.trusted().size()).isEqualTo(7);

        // The same entries but the second changed, rebuilt and signed again with the same key.
        TiledLog rewritten = new TiledLog().append("a", "B", "c", "d", "e", "f", "g", "h");
        assertThatThrownBy(() -> monitor.look(rewritten, grown.note())).hasMessageStartingWith("FORK");
        TiledLog sameSize = new TiledLog().append("a", "B", "c", "d", "e", "f", "g");
        assertThatThrownBy(() -> monitor.look(sameSize, grown.note())).hasMessageStartingWith("FORK: two signed");
        TiledLog shrunk = new TiledLog().append("a", "b", "c");
        assertThatThrownBy(() -> monitor.look(shrunk, grown.note())).hasMessageStartingWith("SHRINK");
    }

    @Test
    void theMonitorCatchesAnEntryServedOtherwiseThanLogged() {
        TiledLog log = new TiledLog().append("a", "b", "c");
        Monitor.Look first = new Monitor(List.of(signer.verifier()), ORIGIN, false).look(log, null);
        log.served.set(1, "b, altered in the store");
        // The tree did not change: only a monitor that checks every entry, or a new one, sees it.
        assertThat(new Monitor(List.of(signer.verifier()), ORIGIN, false).look(log, first.note()).advanced()).isFalse();
        assertThatThrownBy(() -> new Monitor(List.of(signer.verifier()), ORIGIN, true).look(log, first.note()))
                .hasMessageStartingWith("CHANGED: entry 1");
    }

    @Test
    void theMonitorFollowsAKeyRotationGivenBothKeysAndNoOtherLog() {
        NoteKeys.Signer old = signer;
        NoteKeys.Signer successor = NoteKeys.signer(NoteKeys.generate(ORIGIN));
        TiledLog log = new TiledLog().append("a", "b", "c");
        Monitor.Look first = new Monitor(List.of(old.verifier(), successor.verifier()), ORIGIN, false)
                .look(log, null);
        // The operator rotates: checkpoints are signed with the successor from now on.
        signer = successor;
        log.append("d");
        assertThatThrownBy(() -> new Monitor(List.of(old.verifier()), ORIGIN, false).look(log, first.note()))
                .hasMessageStartingWith("the checkpoint is not signed by");
        Monitor both = new Monitor(List.of(old.verifier(), successor.verifier()), null, false);
        Monitor.Look rotated = both.look(log, first.note());
        assertThat(rotated.advanced()).isTrue();
        assertThat(rotated.trusted().size()).isEqualTo(4);
        // A log of another name signed by the successor key is not this log continued.
        NoteKeys.Signer elsewhere = NoteKeys.signer(NoteKeys.generate("log.example/elsewhere"));
        Monitor.Log other = new Monitor.Log() {
            @Override
            public String checkpoint() {
                return SignedNote.sign(new Checkpoint("log.example/elsewhere", 5, log.head().root()).text(),
                        elsewhere).encoded();
            }

            @Override
            public byte[] tile(int level, long index, long size) {
                return log.tile(level, index, size);
            }

            @Override
            public byte[] entries(long index, long size) {
                return log.entries(index, size);
            }
        };
        assertThatThrownBy(() -> new Monitor(List.of(successor.verifier(), elsewhere.verifier()), null, false)
                .look(other, rotated.note())).hasMessageStartingWith("ORIGIN");
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Verify.run(args, new PrintStream(out, true), new PrintStream(err, true));
        return status + ":" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }
}
