package org.treatyregistry.transparency;

import java.util.Arrays;
import java.util.List;

/**
 * Watches a log as a third party: holds the last checkpoint it trusted, and takes a new one only if it is signed by
 * one of the log's keys (a key and its successor, so that a rotation is followed without a gap), is of the same
 * origin, is no smaller, and is consistent with the one held, the consistency proof
 * computed from the log's own tiles of the new tree. A smaller tree, another root for the same size or a proof that
 * fails means the log was rewritten: a fork, reported and never trusted.
 */
public final class Monitor {

    /** What the monitor reads from the log. */
    public interface Log {
        /** The latest signed checkpoint, as served. */
        String checkpoint();

        /** A tile's hashes as served for a tree of {@code size} (full, or partial to that size's width). */
        byte[] tile(int level, long index, long size);

        /** An entry bundle as served for a tree of {@code size}. */
        byte[] entries(long index, long size);
    }

    /** The outcome of one look. */
    public record Look(Checkpoint trusted, SignedNote note, boolean advanced, String message) {
    }

    private final List<NoteKeys.Verifier> verifiers;
    private final String origin;
    private final boolean everyEntry;

    /**
     * A monitor of the log {@code origin} signed by any of {@code verifiers}. With {@code everyEntry}, each look also
     * checks every entry the log serves against its tree, not only the new ones: an entry whose bytes were changed
     * in the log's store after it was logged no longer hashes to its leaf.
     */
    public Monitor(List<NoteKeys.Verifier> verifiers, String origin, boolean everyEntry) {
        this.verifiers = List.copyOf(verifiers);
        this.origin = origin;
        this.everyEntry = everyEntry;
    }

    /**
     * Reads the log's latest checkpoint and checks it against {@code held} (null the first time: the first
     * checkpoint is trusted once its signature verifies). Throws {@link VerificationException} on a fork or a shrink.
     */
    public Look look(Log log, SignedNote held) {
        SignedNote latest = SignedNote.parse(log.checkpoint());
        Checkpoint next = Checkpoint.verified(latest, verifiers, origin);
        if (held == null) {
            checkEntries(log, next, 0);
            return new Look(next, latest, true, "first checkpoint trusted: " + next);
        }
        Checkpoint before = Checkpoint.verified(held, verifiers, origin);
        if (!next.origin().equals(before.origin())) {
            throw new VerificationException("ORIGIN: the log now signs as " + next.origin() + ", after "
                    + before.origin() + ": another log, not a continuation of the one trusted");
        }
        if (next.size() < before.size()) {
            throw new VerificationException("SHRINK: the log now says " + next.size() + " entries, after "
                    + before.size() + " were signed (" + before + ")");
        }
        if (next.size() == before.size()) {
            if (!Arrays.equals(next.root(), before.root())) {
                throw new VerificationException("FORK: two signed trees of size " + next.size() + ": " + before
                        + " and " + next);
            }
            checkEntries(log, before, everyEntry ? 0 : before.size());
            return new Look(before, held, false, "unchanged: " + before);
        }
        Merkle.Subtrees tiles = Tiles.subtrees((level, index) -> log.tile(level, index, next.size()));
        List<byte[]> proof;
        try {
            if (!Arrays.equals(Merkle.root(tiles, next.size()), next.root())) {
                throw new VerificationException("the log's tiles do not hash to its own checkpoint " + next);
            }
            proof = Merkle.consistencyProof(tiles, before.size(), next.size());
        } catch (IllegalStateException e) {
            throw new VerificationException("the log does not serve the tiles of its own checkpoint " + next + ": "
                    + e.getMessage());
        }
        if (!Merkle.verifyConsistency(before.size(), next.size(), before.root(), next.root(), proof)) {
            throw new VerificationException("FORK: the signed tree " + next + " does not extend the tree "
                    + before + " trusted earlier: entries before " + before.size() + " were changed");
        }
        checkEntries(log, next, everyEntry ? 0 : before.size());
        return new Look(next, latest, true, "consistent: " + before.size() + " -> " + next);
    }

    /**
     * Every entry from {@code from} in the tree of the checkpoint hashes to its leaf in the log's tiles; checking
     * them all, also every full tile to its hash in the tile above, so that leaves and a root computed from higher
     * tiles are one tree.
     */
    private void checkEntries(Log log, Checkpoint checkpoint, long from) {
        if (from == 0) {
            List<String> wrong = Tiles.fullTilesNotInTheirParents(checkpoint.size(),
                    (level, index) -> log.tile(level, index, checkpoint.size()));
            if (!wrong.isEmpty()) {
                throw new VerificationException("CHANGED: the log's tiles " + wrong + " no longer hash to their place "
                        + "in the tiles above them in the signed tree " + checkpoint);
            }
        }
        long size = checkpoint.size();
        for (long bundle = from / Tiles.WIDTH; bundle * Tiles.WIDTH < size; bundle++) {
            long first = bundle * Tiles.WIDTH;
            List<byte[]> entries;
            byte[] hashes;
            try {
                entries = Tiles.entries(log.entries(bundle, size));
                hashes = log.tile(0, bundle, size);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new VerificationException("ENTRIES: the log cannot serve the entries from " + first
                        + " of its checkpoint " + checkpoint + ": " + e.getMessage());
            }
            int width = (int) Math.min(Tiles.WIDTH, size - first);
            if (entries.size() != width || hashes.length < width * Merkle.HASH_BYTES) {
                throw new VerificationException("ENTRIES: the log serves " + entries.size() + " entries from " + first
                        + " where its checkpoint " + checkpoint + " has " + width);
            }
            for (int i = (int) Math.max(0, from - first); i < width; i++) {
                byte[] leaf = Arrays.copyOfRange(hashes, i * Merkle.HASH_BYTES, (i + 1) * Merkle.HASH_BYTES);
                if (!Arrays.equals(Merkle.leafHash(entries.get(i)), leaf)) {
                    throw new VerificationException("CHANGED: entry " + (first + i) + " as the log serves it now "
                            + "does not hash to its leaf in the signed tree " + checkpoint + ": "
                            + new String(entries.get(i), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
    }
}
