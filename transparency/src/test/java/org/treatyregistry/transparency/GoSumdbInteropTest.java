package org.treatyregistry.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our proofs, checkpoints and keys against an implementation we did not write: Go's
 * {@code golang.org/x/mod/sumdb/note} and {@code sumdb/tlog}, which Debian ships as {@code golang-golang-x-mod-dev}
 * (with {@code golang-go}; {@code .ci/run} installs both). Where they are absent the suite says so and skips: it is
 * then no proof of anything, and never counted as one.
 */
class GoSumdbInteropTest {

    private static final Path GOPATH = Path.of("/usr/share/gocode");
    private static Path program;

    @TempDir
    static Path work;

    @BeforeAll
    static void buildTheGoProgram() throws Exception {
        assumeTrue(Files.isDirectory(GOPATH.resolve("src/golang.org/x/mod/sumdb/tlog")),
                "Go's sumdb packages are not installed (apt-get install golang-go golang-golang-x-mod-dev)");
        Path source = work.resolve("interop.go");
        try (InputStream in = GoSumdbInteropTest.class.getResourceAsStream("/go/interop.go")) {
            Files.write(source, in.readAllBytes());
        }
        program = work.resolve("interop");
        String out = go("go", "build", "-o", program.toString(), source.toString());
        assertThat(Files.isExecutable(program)).as("go build: %s", out).isTrue();
    }

    private static String go(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GO111MODULE", "off");
        builder.environment().put("GOPATH", GOPATH.toString());
        builder.environment().put("GOCACHE", work.resolve("cache").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out.strip();
    }

    private final NoteKeys.Signer signer = NoteKeys.signer(NoteKeys.generate("log.example/registry"));

    private MemoryTree tree(int size, String prefix) {
        MemoryTree tree = new MemoryTree();
        for (int i = 0; i < size; i++) {
            tree.add(("{\"id\":\"" + prefix + i + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        return tree;
    }

    private String signed(MemoryTree tree, long size) {
        return SignedNote.sign(new Checkpoint("log.example/registry", size, Merkle.root(tree, size)).text(), signer)
                .encoded();
    }

    @Test
    void goChecksOurProofBundlesAndRefusesAnAlteredOne() throws Exception {
        MemoryTree tree = tree(1000, "e");
        for (long index : new long[] {0, 1, 255, 256, 511, 777, 999}) {
            byte[] entry = ("{\"id\":\"e" + index + "\"}").getBytes(StandardCharsets.UTF_8);
            ProofBundle bundle = new ProofBundle(entry, index, Merkle.inclusionProof(tree, index, 1000),
                    SignedNote.parse(signed(tree, 1000)));
            Path file = work.resolve("p" + index + ".tlog-proof");
            Files.writeString(file, bundle.encoded());
            assertThat(go(program.toString(), "proof", signer.verifier().encoded(), file.toString()))
                    .as("entry %d", index).isEqualTo("OK");
        }
        byte[] altered = "{\"id\":\"e778\"}".getBytes(StandardCharsets.UTF_8);
        Path file = work.resolve("altered.tlog-proof");
        Files.writeString(file, new ProofBundle(altered, 777, Merkle.inclusionProof(tree, 777, 1000),
                SignedNote.parse(signed(tree, 1000))).encoded());
        assertThat(go(program.toString(), "proof", signer.verifier().encoded(), file.toString()))
                .startsWith("FAILED");
    }

    @Test
    void goChecksOurConsistencyProofsAndRefusesAForkedTree() throws Exception {
        MemoryTree tree = tree(700, "e");
        MemoryTree forked = tree(700, "e");
        forked.leafHashes.set(3, Merkle.leafHash("{\"id\":\"rewritten\"}".getBytes(StandardCharsets.UTF_8)));
        long[][] pairs = {{1, 2}, {3, 700}, {256, 700}, {255, 257}, {512, 699}};
        for (long[] pair : pairs) {
            assertThat(consistency(tree, tree, pair[0], pair[1])).as("%d to %d", pair[0], pair[1]).isEqualTo("OK");
        }
        assertThat(consistency(tree, forked, 10, 700)).startsWith("FAILED");
    }

    private String consistency(MemoryTree first, MemoryTree second, long m, long n) throws Exception {
        Path note1 = Files.writeString(work.resolve("c" + m), signed(first, m));
        Path note2 = Files.writeString(work.resolve("c" + n), signed(second, n));
        List<String> proof = new ArrayList<>();
        Merkle.consistencyProof(second, m, n).forEach(h -> proof.add(Base64.getEncoder().encodeToString(h)));
        Path proofFile = Files.writeString(work.resolve("proof" + m + "-" + n), String.join("\n", proof));
        return go(program.toString(), "consistency", signer.verifier().encoded(), note1.toString(), note2.toString(),
                proofFile.toString());
    }

    @Test
    void goSignsWithOurSignerKeyAndWeVerifyItsNotes() throws Exception {
        String signerKey = NoteKeys.generate("log.example/indicators");
        Checkpoint checkpoint = new Checkpoint("log.example/indicators", 42, Merkle.leafHash(new byte[] {1}));
        Path text = Files.writeString(work.resolve("text"), checkpoint.text());
        String note = go(program.toString(), "sign", signerKey, text.toString()) + "\n";
        NoteKeys.Verifier verifier = NoteKeys.signer(signerKey).verifier();
        assertThat(Checkpoint.verified(SignedNote.parse(note), verifier, "log.example/indicators"))
                .isEqualTo(checkpoint);
        // And the same note, signed by us, is byte for byte Go's: Ed25519 is deterministic.
        assertThat(SignedNote.sign(checkpoint.text(), NoteKeys.signer(signerKey)).encoded()).isEqualTo(note);
    }
}
