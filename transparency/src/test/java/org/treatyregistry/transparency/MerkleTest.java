package org.treatyregistry.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The tree's hashes and proofs against RFC 6962's published test vectors (transparency-dev's, which Certificate
 * Transparency's implementations share), and every proof of small trees verified, and refused once corrupted.
 */
class MerkleTest {

    private static final HexFormat HEX = HexFormat.of();

    private final MemoryTree tree = new MemoryTree();
    private final Map<Long, byte[]> roots = new TreeMap<>();
    private final List<String[]> inclusions = new ArrayList<>();
    private final List<String[]> consistencies = new ArrayList<>();

    MerkleTest() throws IOException {
        try (InputStream in = MerkleTest.class.getResourceAsStream("/rfc6962-vectors.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "leaf" -> tree.add(words.length == 1 ? new byte[0] : HEX.parseHex(words[1]));
                    case "root" -> roots.put(Long.parseLong(words[1]), HEX.parseHex(words[2]));
                    case "inclusion" -> inclusions.add(words);
                    case "consistency" -> consistencies.add(words);
                    default -> {
                    }
                }
            }
        }
    }

    @Test
    void everyRootMatchesTheVectors() {
        assertThat(roots).hasSize(9);
        roots.forEach((size, root) -> assertThat(HEX.formatHex(Merkle.root(tree, size)))
                .as("root of %d", size).isEqualTo(HEX.formatHex(root)));
    }

    @Test
    void inclusionProofsAreTheVectorsAndVerify() {
        assertThat(inclusions).hasSize(5);
        for (String[] v : inclusions) {
            long index = Long.parseLong(v[1]);
            long size = Long.parseLong(v[2]);
            List<String> expected = Arrays.asList(v).subList(3, v.length);
            List<byte[]> proof = Merkle.inclusionProof(tree, index, size);
            assertThat(proof.stream().map(HEX::formatHex).toList()).as("path of %d in %d", index, size)
                    .isEqualTo(expected);
            assertThat(Merkle.verifyInclusion(tree.leafHashes.get((int) index), index, size, proof, roots.get(size)))
                    .isTrue();
        }
    }

    @Test
    void consistencyProofsAreTheVectorsAndVerify() {
        assertThat(consistencies).hasSize(5);
        for (String[] v : consistencies) {
            long first = Long.parseLong(v[1]);
            long second = Long.parseLong(v[2]);
            List<byte[]> proof = Merkle.consistencyProof(tree, first, second);
            assertThat(proof.stream().map(HEX::formatHex).toList()).as("%d to %d", first, second)
                    .isEqualTo(Arrays.asList(v).subList(3, v.length));
            assertThat(Merkle.verifyConsistency(first, second, roots.get(first), roots.get(second), proof)).isTrue();
        }
    }

    @Test
    void everyProofOfTreesUpTo70LeavesVerifiesAndACorruptedOneDoesNot() {
        MemoryTree big = new MemoryTree();
        for (int i = 0; i < 70; i++) {
            big.add(("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        for (long size = 1; size <= 70; size++) {
            byte[] root = Merkle.root(big, size);
            for (long index = 0; index < size; index++) {
                List<byte[]> proof = Merkle.inclusionProof(big, index, size);
                byte[] leaf = big.leafHashes.get((int) index);
                assertThat(Merkle.verifyInclusion(leaf, index, size, proof, root)).isTrue();
                if ((index ^ 1) < size) {
                    assertThat(Merkle.verifyInclusion(leaf, index ^ 1, size, proof, root)).as("sibling's index")
                            .isFalse();
                }
                assertThat(Merkle.verifyInclusion(leaf, index, size * 2, proof, root)).isFalse();
                if (!proof.isEmpty()) {
                    assertThat(Merkle.verifyInclusion(leaf, index, size, flipped(proof), root)).isFalse();
                    assertThat(Merkle.verifyInclusion(leaf, index, size, proof.subList(1, proof.size()), root))
                            .isFalse();
                }
            }
            for (long first = 1; first < size; first++) {
                byte[] firstRoot = Merkle.root(big, first);
                List<byte[]> proof = Merkle.consistencyProof(big, first, size);
                assertThat(Merkle.verifyConsistency(first, size, firstRoot, root, proof))
                        .as("%d to %d", first, size).isTrue();
                assertThat(Merkle.verifyConsistency(first, size, firstRoot, root, flipped(proof))).isFalse();
                assertThat(Merkle.verifyConsistency(first, size, root, firstRoot, proof)).isFalse();
            }
        }
    }

    @Test
    void aChangedLeafBreaksEveryLaterTreesConsistencyWithTheEarlierOne() {
        MemoryTree honest = new MemoryTree();
        MemoryTree rewritten = new MemoryTree();
        for (int i = 0; i < 20; i++) {
            honest.add(new byte[] {(byte) i});
            rewritten.add(new byte[] {(byte) (i == 7 ? 99 : i)});
        }
        byte[] held = Merkle.root(honest, 10);
        List<byte[]> proof = Merkle.consistencyProof(rewritten, 10, 20);
        assertThat(Merkle.verifyConsistency(10, 20, held, Merkle.root(rewritten, 20), proof)).isFalse();
    }

    private static List<byte[]> flipped(List<byte[]> proof) {
        List<byte[]> copy = new ArrayList<>(proof);
        byte[] first = copy.get(0).clone();
        first[0] ^= 8;
        copy.set(0, first);
        return copy;
    }
}
