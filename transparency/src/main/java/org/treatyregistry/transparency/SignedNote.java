package org.treatyregistry.transparency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note: a text ending in a newline, a blank line, then signature lines
 * {@code — <key name> base64(key id || signature)}; an Ed25519 signature covers the text, its final newline
 * included.
 */
public record SignedNote(String text, List<Line> signatures) {

    private static final String DASH = "\u2014 ";

    /** One signature line: the key's name and id, and the signature's bytes. */
    public record Line(String name, int keyId, byte[] signature) {
    }

    /** Signs {@code text} (which must end in a newline) with {@code signer}. */
    public static SignedNote sign(String text, NoteKeys.Signer signer) {
        checkText(text);
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(signer.key());
            ed25519.update(text.getBytes(StandardCharsets.UTF_8));
            return new SignedNote(text, List.of(new Line(signer.name(), signer.keyId(), ed25519.sign())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with Ed25519", e);
        }
    }

    /** Parses a signed note; refuses one that is not well formed. Verifies nothing: see {@link #verifiedBy}. */
    public static SignedNote parse(String note) {
        if (note.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            throw new IllegalArgumentException("a signed note has no control characters but newlines");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new IllegalArgumentException("a signed note is a text, a blank line and signature lines");
        }
        String text = note.substring(0, split + 1);
        List<Line> lines = new ArrayList<>();
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(DASH)) {
                throw new IllegalArgumentException("not a signature line: " + line);
            }
            String[] parts = line.substring(DASH.length()).split(" ", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("a signature line is '— <name> <base64>': " + line);
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a signature is base64: " + line, e);
            }
            if (bytes.length < 5) {
                throw new IllegalArgumentException("a signature holds a key id and signature bytes: " + line);
            }
            byte[] signature = new byte[bytes.length - 4];
            System.arraycopy(bytes, 4, signature, 0, signature.length);
            lines.add(new Line(parts[0], ByteBuffer.wrap(bytes, 0, 4).getInt(), signature));
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a signed note has at least one signature");
        }
        return new SignedNote(text, List.copyOf(lines));
    }

    /**
     * Whether {@code verifier} signed the text: a line of its name and id must be there and verify. Lines of other
     * keys are ignored, as the specification says.
     */
    public boolean verifiedBy(NoteKeys.Verifier verifier) {
        boolean found = false;
        for (Line line : signatures) {
            if (line.name().equals(verifier.name()) && line.keyId() == verifier.keyId()) {
                try {
                    Signature ed25519 = Signature.getInstance("Ed25519");
                    ed25519.initVerify(verifier.key());
                    ed25519.update(text.getBytes(StandardCharsets.UTF_8));
                    if (!ed25519.verify(line.signature())) {
                        return false;
                    }
                    found = true;
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }
        }
        return found;
    }

    /** The note as text: the text, a blank line, a line per signature. */
    public String encoded() {
        StringBuilder note = new StringBuilder(text).append('\n');
        for (Line line : signatures) {
            byte[] bytes = ByteBuffer.allocate(4 + line.signature().length).putInt(line.keyId())
                    .put(line.signature()).array();
            note.append(DASH).append(line.name()).append(' ').append(Base64.getEncoder().encodeToString(bytes))
                    .append('\n');
        }
        return note.toString();
    }

    private static void checkText(String text) {
        if (!text.endsWith("\n") || text.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            throw new IllegalArgumentException("a note's text ends in a newline and has no other control characters");
        }
    }
}
