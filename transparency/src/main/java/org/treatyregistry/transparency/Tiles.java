package org.treatyregistry.transparency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C2SP {@code tlog-tiles} layout of a Merkle tree: tiles of up to 256 hashes, level 0 holding leaf hashes and
 * each hash of level l + 1 the Merkle Tree Hash of a full tile of level l; entries in bundles of 256, each entry
 * prefixed by its length as a big-endian uint16. A log stores its tree as tiles, so a tile is both what it serves
 * and what it computes proofs from.
 */
public final class Tiles {

    /** Hashes per full tile, entries per full bundle. */
    public static final int WIDTH = 256;
    /** Tree levels per tile level. */
    public static final int HEIGHT = 8;
    /** The largest entry a bundle can hold. */
    public static final int MAX_ENTRY_BYTES = 0xFFFF;

    private static final Pattern PATH =
            Pattern.compile("tile/(entries|0|[1-9][0-9]?)/((?:x[0-9]{3}/)*[0-9]{3})(?:\\.p/([1-9][0-9]{0,2}))?");

    private Tiles() {
    }

    /** A tile (level ≥ 0) or an entry bundle (level {@link #ENTRIES}), and its width (256 when full). */
    public record Tile(int level, long index, int width) {

        public boolean full() {
            return width == WIDTH;
        }

        /** Its path under the log's prefix, {@code tile/<L>/<N>[.p/<W>]}. */
        public String path() {
            return "tile/" + (level == ENTRIES ? "entries" : String.valueOf(level)) + "/" + encode(index)
                    + (full() ? "" : ".p/" + width);
        }
    }

    /** The level that names entry bundles. */
    public static final int ENTRIES = -1;

    /** Parses {@code tile/<L>/<N>[.p/<W>]} or {@code tile/entries/<N>[.p/<W>]}. */
    public static Tile parse(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a tile path: " + path);
        }
        int level = m.group(1).equals("entries") ? ENTRIES : Integer.parseInt(m.group(1));
        if (level > 63) {
            throw new IllegalArgumentException("tile level above 63: " + path);
        }
        long index = 0;
        for (String part : m.group(2).split("/")) {
            index = Math.multiplyExact(index, 1000) + Integer.parseInt(part.replace("x", ""));
        }
        int width = m.group(3) == null ? WIDTH : Integer.parseInt(m.group(3));
        if (width > WIDTH - 1 && m.group(3) != null) {
            throw new IllegalArgumentException("a partial tile is 1 to 255 wide: " + path);
        }
        return new Tile(level, index, width);
    }

    /** {@code 1234067} as {@code x001/x234/067}. */
    static String encode(long index) {
        String digits = Long.toString(index);
        while (digits.length() % 3 != 0) {
            digits = "0" + digits;
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 3) {
            if (i > 0) {
                path.append('/');
            }
            if (i + 3 < digits.length()) {
                path.append('x');
            }
            path.append(digits, i, i + 3);
        }
        return path.toString();
    }

    /** The tiles (levels 0 and up) a tree of {@code size} leaves is served as, full and partial. */
    public static List<Tile> of(long size) {
        List<Tile> tiles = new ArrayList<>();
        long span = 1;
        for (int level = 0; size / span > 0; level++, span *= WIDTH) {
            long hashes = size / span;
            for (long n = 0; n < hashes / WIDTH; n++) {
                tiles.add(new Tile(level, n, WIDTH));
            }
            if (hashes % WIDTH != 0) {
                tiles.add(new Tile(level, hashes / WIDTH, (int) (hashes % WIDTH)));
            }
            if (span > Long.MAX_VALUE / WIDTH) {
                break;
            }
        }
        return tiles;
    }

    /** Reads a tile's hashes as stored: at least as many as any tree size served needs of it. */
    @FunctionalInterface
    public interface Reader {
        byte[] hashes(int level, long index);
    }

    /**
     * The complete subtrees of a tree kept as tiles: the subtree at tree level k lies within one tile of tile level
     * k / 8, as 2^(k mod 8) of its hashes.
     */
    public static Merkle.Subtrees subtrees(Reader tiles) {
        return (level, index) -> {
            int tileLevel = level / HEIGHT;
            int span = 1 << (level % HEIGHT);
            long first = index * span;
            long tile = first / WIDTH;
            int offset = (int) (first % WIDTH);
            byte[] hashes = tiles.hashes(tileLevel, tile);
            if (hashes == null || hashes.length < (offset + span) * Merkle.HASH_BYTES) {
                throw new IllegalStateException("tile " + tileLevel + "/" + tile + " does not hold subtree "
                        + level + "/" + index);
            }
            return Merkle.completeHash(hashes, offset, span);
        };
    }

    /** The hash a full tile has in the tile above it: the Merkle Tree Hash of its 256 hashes. */
    public static byte[] hashOf(byte[] fullTile) {
        if (fullTile.length != WIDTH * Merkle.HASH_BYTES) {
            throw new IllegalArgumentException("a full tile is 256 hashes");
        }
        return Merkle.completeHash(fullTile, 0, WIDTH);
    }

    /**
     * The full tiles of a tree of {@code size} whose hash in the tile above differs from their own, as
     * {@code level/index}: none in a tree whose tiles were not altered. Every hash a root or a proof takes from a
     * higher level then stands for the leaves below it.
     */
    public static List<String> fullTilesNotInTheirParents(long size, Reader tiles) {
        List<String> wrong = new ArrayList<>();
        long full = size / WIDTH;
        for (int level = 0; full > 0; level++, full /= WIDTH) {
            for (long index = 0; index < full; index++) {
                byte[] tile = tiles.hashes(level, index);
                byte[] parent = tiles.hashes(level + 1, index / WIDTH);
                int at = (int) (index % WIDTH) * Merkle.HASH_BYTES;
                if (tile == null || tile.length < WIDTH * Merkle.HASH_BYTES || parent == null
                        || parent.length < at + Merkle.HASH_BYTES || !Arrays.equals(hashOf(Arrays.copyOf(tile,
                        WIDTH * Merkle.HASH_BYTES)), Arrays.copyOfRange(parent, at, at + Merkle.HASH_BYTES))) {
                    wrong.add(level + "/" + index);
                }
            }
        }
        return wrong;
    }

    /** The first {@code width} hashes of a stored tile, as served for a tile of that width. */
    public static byte[] prefix(byte[] hashes, int width) {
        if (hashes.length < width * Merkle.HASH_BYTES) {
            throw new IllegalArgumentException("the tile holds " + hashes.length / Merkle.HASH_BYTES
                    + " hashes, not " + width);
        }
        return Arrays.copyOf(hashes, width * Merkle.HASH_BYTES);
    }

    /** Entries as a bundle: each prefixed by its length, a big-endian uint16. */
    public static byte[] bundle(List<byte[]> entries) {
        int size = 0;
        for (byte[] entry : entries) {
            if (entry.length > MAX_ENTRY_BYTES) {
                throw new IllegalArgumentException("an entry of " + entry.length + " bytes does not fit a bundle");
            }
            size += 2 + entry.length;
        }
        byte[] bundle = new byte[size];
        int at = 0;
        for (byte[] entry : entries) {
            bundle[at++] = (byte) (entry.length >>> 8);
            bundle[at++] = (byte) entry.length;
            System.arraycopy(entry, 0, bundle, at, entry.length);
            at += entry.length;
        }
        return bundle;
    }

    /** The entries of a bundle. */
    public static List<byte[]> entries(byte[] bundle) {
        List<byte[]> entries = new ArrayList<>();
        int at = 0;
        while (at < bundle.length) {
            if (at + 2 > bundle.length) {
                throw new IllegalArgumentException("a bundle cut inside a length prefix");
            }
            int length = ((bundle[at] & 0xFF) << 8) | (bundle[at + 1] & 0xFF);
            at += 2;
            if (at + length > bundle.length) {
                throw new IllegalArgumentException("a bundle cut inside an entry");
            }
            entries.add(Arrays.copyOfRange(bundle, at, at + length));
            at += length;
        }
        return entries;
    }

    /**
     * Appends leaf hashes to a tree kept as tiles: starts from the rightmost tile of each level for the tree's
     * size, and gives the tiles each append changed, full ones hashed into the level above.
     */
    public static final class Appender {

        private long size;
        /** Per tile level, the rightmost tile's hashes (partial, possibly empty). */
        private final List<byte[]> rightmost = new ArrayList<>();
        /** The tiles changed since the last drain, by level and index, with their hashes as they now stand. */
        private final Map<String, Map.Entry<Tile, byte[]>> changed = new LinkedHashMap<>();

        /** For a tree of {@code size} leaves, reading its rightmost tiles from {@code tiles}. */
        public Appender(long size, Reader tiles) {
            this.size = size;
            long span = 1;
            for (int level = 0; size / span > 0; level++, span *= WIDTH) {
                long hashes = size / span;
                int width = (int) (hashes % WIDTH);
                byte[] stored = width == 0 ? new byte[0] : tiles.hashes(level, hashes / WIDTH);
                if (width > 0 && (stored == null || stored.length < width * Merkle.HASH_BYTES)) {
                    throw new IllegalStateException("tile " + level + "/" + hashes / WIDTH + " holds fewer than "
                            + width + " hashes for a tree of " + size);
                }
                rightmost.add(width == 0 ? new byte[0] : prefix(stored, width));
            }
        }

        public long size() {
            return size;
        }

        public void append(byte[] leafHash) {
            if (leafHash.length != Merkle.HASH_BYTES) {
                throw new IllegalArgumentException("a leaf hash is 32 bytes");
            }
            byte[] hash = leafHash;
            long index = size;
            for (int level = 0; ; level++) {
                if (rightmost.size() == level) {
                    rightmost.add(new byte[0]);
                }
                byte[] tile = Arrays.copyOf(rightmost.get(level), rightmost.get(level).length + Merkle.HASH_BYTES);
                System.arraycopy(hash, 0, tile, tile.length - Merkle.HASH_BYTES, Merkle.HASH_BYTES);
                long tileIndex = index / WIDTH;
                int width = tile.length / Merkle.HASH_BYTES;
                changed.put(level + "/" + tileIndex, Map.entry(new Tile(level, tileIndex, width), tile));
                if (width < WIDTH) {
                    rightmost.set(level, tile);
                    break;
                }
                rightmost.set(level, new byte[0]);
                hash = Merkle.completeHash(tile, 0, WIDTH);
                index = tileIndex;
            }
            size++;
        }

        /** The tiles changed since the last call, each with its hashes as they now stand. */
        public Map<Tile, byte[]> drainChanged() {
            Map<Tile, byte[]> tiles = new LinkedHashMap<>();
            changed.values().forEach(tile -> tiles.put(tile.getKey(), tile.getValue()));
            changed.clear();
            return tiles;
        }
    }
}
