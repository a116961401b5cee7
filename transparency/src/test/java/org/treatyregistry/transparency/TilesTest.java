package org.treatyregistry.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tlog-tiles layout: paths, the tiles of a size, and a tree appended as tiles hashing as the plain tree. */
class TilesTest {

    @Test
    void pathsAreTheSpecificationsOwn() {
        assertThat(new Tiles.Tile(0, 1234067, 256).path()).isEqualTo("tile/0/x001/x234/067");
        assertThat(new Tiles.Tile(2, 5, 17).path()).isEqualTo("tile/2/005.p/17");
        assertThat(new Tiles.Tile(Tiles.ENTRIES, 0, 3).path()).isEqualTo("tile/entries/000.p/3");
        assertThat(Tiles.parse("tile/0/x001/x234/067")).isEqualTo(new Tiles.Tile(0, 1234067, 256));
        assertThat(Tiles.parse("tile/entries/012.p/255")).isEqualTo(new Tiles.Tile(Tiles.ENTRIES, 12, 255));
        assertThatThrownBy(() -> Tiles.parse("tile/0/12")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tiles.parse("tile/0/012.p/256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tiles.parse("tile/0/x012")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTreeOf70000IsServedAsTheSpecificationSays() {
        List<Tiles.Tile> tiles = Tiles.of(70_000);
        assertThat(tiles.stream().filter(t -> t.level() == 0 && t.full())).hasSize(273);
        assertThat(tiles).contains(new Tiles.Tile(0, 273, 112), new Tiles.Tile(1, 0, 256),
                new Tiles.Tile(1, 1, 17), new Tiles.Tile(2, 0, 1));
        assertThat(tiles).hasSize(273 + 1 + 1 + 1 + 1);
        assertThat(Tiles.of(256)).containsExactly(new Tiles.Tile(0, 0, 256), new Tiles.Tile(1, 0, 1));
    }

    @Test
    void aTreeAppendedAsTilesInUnevenBatchesHasThePlainTreesRootsAndProofs() {
        Map<String, byte[]> stored = new HashMap<>();
        Tiles.Reader reader = (level, index) -> stored.get(level + "/" + index);
        MemoryTree plain = new MemoryTree();
        long size = 0;
        int[] batches = {1, 2, 253, 1, 300, 65_000, 70, 255, 1};
        for (int batch : batches) {
            Tiles.Appender appender = new Tiles.Appender(size, reader);
            for (int i = 0; i < batch; i++) {
                byte[] entry = ("entry " + size).getBytes(StandardCharsets.UTF_8);
                plain.add(entry);
                appender.append(Merkle.leafHash(entry));
                size++;
            }
            appender.drainChanged().forEach((tile, hashes) -> {
                assertThat(hashes.length).isEqualTo(tile.width() * Merkle.HASH_BYTES);
                stored.put(tile.level() + "/" + tile.index(), hashes);
            });
            Merkle.Subtrees tiles = Tiles.subtrees(reader);
            assertThat(Merkle.root(tiles, size)).as("root of %d", size).isEqualTo(Merkle.root(plain, size));
            for (long index : new long[] {0, size / 3, size - 1}) {
                assertThat(Merkle.inclusionProof(tiles, index, size))
                        .containsExactlyElementsOf(Merkle.inclusionProof(plain, index, size));
            }
        }
        // The served tiles of the final size are exactly the stored ones, trimmed to their widths.
        for (Tiles.Tile tile : Tiles.of(size)) {
            byte[] hashes = stored.get(tile.level() + "/" + tile.index());
            assertThat(hashes.length).isGreaterThanOrEqualTo(tile.width() * Merkle.HASH_BYTES);
        }
    }

    @Test
    void bundlesRoundTripWithLengthPrefixes() {
        byte[] bundle = Tiles.bundle(List.of(new byte[0], "ab".getBytes(StandardCharsets.UTF_8)));
        assertThat(bundle).containsExactly(0, 0, 0, 2, 'a', 'b');
        assertThat(Tiles.entries(bundle)).hasSize(2);
        assertThatThrownBy(() -> Tiles.entries(new byte[] {0, 3, 'a'})).isInstanceOf(IllegalArgumentException.class);
    }
}
