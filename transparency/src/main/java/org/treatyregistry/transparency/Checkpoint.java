package org.treatyregistry.transparency;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A C2SP {@code tlog-checkpoint}: the log's origin, its tree size in decimal and its root hash in base64, a line
 * each, then any extension lines; signed as a {@link SignedNote}.
 */
public record Checkpoint(String origin, long size, byte[] root, List<String> extensions) {

    public Checkpoint {
        if (origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint's origin is one non-empty line");
        }
        if (size < 0 || root.length != Merkle.HASH_BYTES) {
            throw new IllegalArgumentException("a checkpoint has a size of zero or more and a 32-byte root");
        }
        extensions = List.copyOf(extensions);
    }

    public Checkpoint(String origin, long size, byte[] root) {
        this(origin, size, root, List.of());
    }

    /** The note text: origin, size, root, extensions, each ending in a newline. */
    public String text() {
        StringBuilder text = new StringBuilder(origin).append('\n').append(size).append('\n')
                .append(Base64.getEncoder().encodeToString(root)).append('\n');
        extensions.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** Reads a checkpoint's text; refuses a size with a sign or leading zeros, or a root that is not 32 bytes. */
    public static Checkpoint parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint's text ends in a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new IllegalArgumentException("a checkpoint has an origin, a size and a root hash");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("a checkpoint's size is a decimal with no leading zeros: " + lines[1]);
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a checkpoint's root is base64: " + lines[2], e);
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), root,
                Arrays.asList(lines).subList(3, lines.length));
    }

    /** The checkpoint of a signed note, once {@code verifier} is shown to have signed it for {@code origin}. */
    public static Checkpoint verified(SignedNote note, NoteKeys.Verifier verifier, String origin) {
        return verified(note, List.of(verifier), origin);
    }

    /** As {@link #verified(SignedNote, NoteKeys.Verifier, String)}, signed by any of the keys: a key and its next. */
    public static Checkpoint verified(SignedNote note, List<NoteKeys.Verifier> verifiers, String origin) {
        if (verifiers.stream().noneMatch(note::verifiedBy)) {
            throw new VerificationException("the checkpoint is not signed by " + verifiers.stream()
                    .map(NoteKeys.Verifier::encoded).collect(Collectors.joining(" or ")));
        }
        Checkpoint checkpoint = parse(note.text());
        if (origin != null && !checkpoint.origin().equals(origin)) {
            throw new VerificationException("the checkpoint is of log " + checkpoint.origin() + ", not " + origin);
        }
        return checkpoint;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint c && c.origin.equals(origin) && c.size == size
                && Arrays.equals(c.root, root) && c.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Long.hashCode(size) * 17 + Arrays.hashCode(root);
    }

    @Override
    public String toString() {
        return origin + " size " + size + " root " + Base64.getEncoder().encodeToString(root);
    }
}
