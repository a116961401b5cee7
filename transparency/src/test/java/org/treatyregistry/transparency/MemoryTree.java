package org.treatyregistry.transparency;

import java.util.ArrayList;
import java.util.List;

/** A tree held in memory the plainest way: every complete subtree hashed from its leaves, for tests. */
final class MemoryTree implements Merkle.Subtrees {

    final List<byte[]> leafHashes = new ArrayList<>();

    MemoryTree add(byte[] entry) {
        leafHashes.add(Merkle.leafHash(entry));
        return this;
    }

    @Override
    public byte[] hash(int level, long index) {
        if (level == 0) {
            return leafHashes.get((int) index);
        }
        return Merkle.nodeHash(hash(level - 1, 2 * index), hash(level - 1, 2 * index + 1));
    }
}
