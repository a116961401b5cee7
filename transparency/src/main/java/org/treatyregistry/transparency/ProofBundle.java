package org.treatyregistry.transparency;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A fact's proof in the C2SP {@code tlog-proof} text: the first line {@code c2sp.org/tlog-proof@v1}, the entry's
 * bytes as {@code extra} (the leaf, so that the proof needs nothing else), its {@code index}, the inclusion path one
 * base64 hash a line, a blank line and the signed checkpoint verbatim. Saved as a {@code .tlog-proof} file.
 */
public record ProofBundle(byte[] entry, long index, List<byte[]> path, SignedNote checkpoint) {

    static final String HEADER = "c2sp.org/tlog-proof@v1";

    public String encoded() {
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("extra ").append(base64.encodeToString(entry)).append('\n');
        text.append("index ").append(index).append('\n');
        path.forEach(hash -> text.append(base64.encodeToString(hash)).append('\n'));
        return text.append('\n').append(checkpoint.encoded()).toString();
    }

    public static ProofBundle parse(String text) {
        String normalised = text.replace("\r\n", "\n");
        int blank = normalised.indexOf("\n\n");
        if (!normalised.startsWith(HEADER + "\n") || blank < 0) {
            throw new IllegalArgumentException("a proof starts with " + HEADER + " and has a blank line before its "
                    + "checkpoint");
        }
        String[] lines = normalised.substring(0, blank).split("\n");
        int at = 1;
        if (at >= lines.length || !lines[at].startsWith("extra ")) {
            throw new IllegalArgumentException("this proof carries no entry (no 'extra' line): the entry's bytes "
                    + "are needed to check it");
        }
        byte[] entry = decode(lines[at++].substring("extra ".length()), "extra");
        if (at >= lines.length || !lines[at].matches("index (0|[1-9][0-9]{0,18})")) {
            throw new IllegalArgumentException("a proof names its index after its extra data: 'index <n>'");
        }
        long index = Long.parseLong(lines[at++].substring("index ".length()));
        List<byte[]> path = new ArrayList<>();
        for (; at < lines.length; at++) {
            byte[] hash = decode(lines[at], "hash");
            if (hash.length != Merkle.HASH_BYTES) {
                throw new IllegalArgumentException("a proof hash is 32 bytes: " + lines[at]);
            }
            path.add(hash);
        }
        return new ProofBundle(entry, index, List.copyOf(path), SignedNote.parse(normalised.substring(blank + 2)));
    }

    /**
     * Checks the proof: the checkpoint signed by {@code verifier} (for {@code origin}, when given) and the entry's
     * leaf hash at its index in the checkpoint's tree. Returns the checkpoint; throws saying what failed.
     */
    public Checkpoint verify(NoteKeys.Verifier verifier, String origin) {
        Checkpoint signed = Checkpoint.verified(checkpoint, verifier, origin);
        if (index >= signed.size()) {
            throw new VerificationException("entry " + index + " is beyond the checkpoint's tree of " + signed.size());
        }
        if (!Merkle.verifyInclusion(Merkle.leafHash(entry), index, signed.size(), path, signed.root())) {
            throw new VerificationException("the entry at index " + index + " is not in the signed tree of size "
                    + signed.size() + ": the inclusion proof does not lead to its root");
        }
        return signed;
    }

    private static byte[] decode(String base64, String what) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the proof's " + what + " is not base64: " + base64, e);
        }
    }
}
