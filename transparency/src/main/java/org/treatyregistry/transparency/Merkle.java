package org.treatyregistry.transparency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merkle Tree Hashes, inclusion and consistency proofs exactly as RFC 6962 section 2.1 defines them (RFC 9162
 * section 2.1 for verification): SHA-256, a leaf hashed as {@code SHA-256(0x00 || entry)}, a node as
 * {@code SHA-256(0x01 || left || right)}, and a tree of n leaves split at the largest power of two below n.
 *
 * <p>Trees are read through {@link Subtrees}, the hashes of complete, aligned subtrees (what a log stores once and
 * never changes); every other hash a proof needs is computed from them.
 */
public final class Merkle {

    public static final int HASH_BYTES = 32;

    private Merkle() {
    }

    /** The hash of the complete subtree at {@code level} (2^level leaves) and {@code index} among those. */
    @FunctionalInterface
    public interface Subtrees {
        byte[] hash(int level, long index);
    }

    /** {@code SHA-256(0x00 || entry)}. */
    public static byte[] leafHash(byte[] entry) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        return sha.digest(entry);
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        return sha.digest(right);
    }

    /** The hash of the empty tree: SHA-256 of no bytes. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** MTH(D[0:size]). */
    public static byte[] root(Subtrees tree, long size) {
        return size == 0 ? emptyRoot() : rangeHash(tree, 0, size);
    }

    /**
     * MTH(D[from:to]) for a range the RFC's recursion produces: split at the largest power of two below its size,
     * until each part is a complete, aligned subtree.
     */
    public static byte[] rangeHash(Subtrees tree, long from, long to) {
        long n = to - from;
        if (n <= 0) {
            throw new IllegalArgumentException("empty range " + from + ".." + to);
        }
        if (Long.bitCount(n) == 1 && from % n == 0) {
            return tree.hash(Long.numberOfTrailingZeros(n), from / n);
        }
        long k = largestPowerOfTwoBelow(n);
        return nodeHash(rangeHash(tree, from, from + k), rangeHash(tree, from + k, to));
    }

    /** PATH(index, D[0:size]) of RFC 6962 2.1.1: from the leaf's sibling up to the root's child. */
    public static List<byte[]> inclusionProof(Subtrees tree, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(tree, index, 0, size, proof);
        return proof;
    }

    private static void path(Subtrees tree, long index, long from, long to, List<byte[]> proof) {
        long n = to - from;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (index < from + k) {
            path(tree, index, from, from + k, proof);
            proof.add(rangeHash(tree, from + k, to));
        } else {
            path(tree, index, from + k, to, proof);
            proof.add(rangeHash(tree, from, from + k));
        }
    }

    /** PROOF(first, D[0:second]) of RFC 6962 2.1.2; empty when {@code first} is 0 or equals {@code second}. */
    public static List<byte[]> consistencyProof(Subtrees tree, long first, long second) {
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("no consistency proof from size " + first + " to size " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof(tree, first, 0, second, true, proof);
        }
        return proof;
    }

    private static void subproof(Subtrees tree, long m, long from, long to, boolean whole, List<byte[]> proof) {
        long n = to - from;
        if (m == n) {
            if (!whole) {
                proof.add(rangeHash(tree, from, to));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(tree, m, from, from + k, whole, proof);
            proof.add(rangeHash(tree, from + k, to));
        } else {
            subproof(tree, m - k, from + k, to, false, proof);
            proof.add(rangeHash(tree, from, from + k));
        }
    }

    /** RFC 9162 2.1.3.2: whether {@code proof} proves {@code leafHash} at {@code index} in the tree {@code root}. */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /**
     * RFC 9162 2.1.4.2: whether {@code proof} shows the tree {@code secondRoot} of {@code secondSize} leaves to
     * extend the tree {@code firstRoot} of {@code firstSize} leaves, appending only.
     */
    public static boolean verifyConsistency(long firstSize, long secondSize, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> proof) {
        if (firstSize < 0 || firstSize > secondSize) {
            return false;
        }
        if (firstSize == secondSize) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (firstSize == 0) {
            // Every tree extends the empty one.
            return proof.isEmpty() && Arrays.equals(firstRoot, emptyRoot());
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(firstSize) == 1) {
            path.add(0, firstRoot);
        }
        long fn = firstSize - 1;
        long sn = secondSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }

    /** The hash of 2^k consecutive hashes taken as the leaves' level of a complete subtree. */
    static byte[] completeHash(byte[] hashes, int offset, int count) {
        if (count == 1) {
            return Arrays.copyOfRange(hashes, offset * HASH_BYTES, (offset + 1) * HASH_BYTES);
        }
        int half = count / 2;
        return nodeHash(completeHash(hashes, offset, half), completeHash(hashes, offset + half, half));
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
