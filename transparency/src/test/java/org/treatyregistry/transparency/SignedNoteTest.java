package org.treatyregistry.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Keys, signed notes and checkpoints in the C2SP encodings. */
class SignedNoteTest {

    @Test
    void aGeneratedKeyRoundTripsAndItsIdIsTheSpecificationsHash() {
        NoteKeys.Signer signer = NoteKeys.signer(NoteKeys.generate("treaty-registry.example/registry"));
        String verifierKey = signer.verifier().encoded();
        NoteKeys.Verifier verifier = NoteKeys.verifier(verifierKey);
        assertThat(verifier.keyId()).isEqualTo(signer.keyId());
        assertThat(verifierKey).startsWith("treaty-registry.example/registry+" + NoteKeys.hex(signer.keyId()) + "+");
        assertThat(verifier.keyId()).isEqualTo(NoteKeys.keyId(verifier.name(), NoteKeys.raw(verifier.key())));
        // A verifier key whose id does not match its name and key is refused.
        // (The base64 key may itself hold a '+': everything after the name is kept as it is.)
        String renamed = "other.example" + verifierKey.substring(verifierKey.indexOf('+'));
        assertThatThrownBy(() -> NoteKeys.verifier(renamed)).hasMessageContaining("does not match");
    }

    @Test
    void aSignedCheckpointVerifiesAndAnyChangeToItDoesNot() {
        NoteKeys.Signer signer = NoteKeys.signer(NoteKeys.generate("log.example/a"));
        Checkpoint checkpoint = new Checkpoint("log.example/a", 7, new byte[32]);
        String encoded = SignedNote.sign(checkpoint.text(), signer).encoded();
        assertThat(encoded).startsWith("log.example/a\n7\n" + "A".repeat(43) + "=\n\n\u2014 log.example/a ");
        SignedNote parsed = SignedNote.parse(encoded);
        assertThat(Checkpoint.verified(parsed, signer.verifier(), "log.example/a")).isEqualTo(checkpoint);

        SignedNote changed = SignedNote.parse(encoded.replace("\n7\n", "\n8\n"));
        assertThat(changed.verifiedBy(signer.verifier())).isFalse();
        assertThatThrownBy(() -> Checkpoint.verified(changed, signer.verifier(), null))
                .isInstanceOf(VerificationException.class);
        NoteKeys.Verifier stranger = NoteKeys.signer(NoteKeys.generate("log.example/a")).verifier();
        assertThat(parsed.verifiedBy(stranger)).as("another key of the same name").isFalse();
        assertThatThrownBy(() -> Checkpoint.verified(parsed, signer.verifier(), "log.example/b"))
                .hasMessageContaining("not log.example/b");
    }

    @Test
    void malformedNotesAndCheckpointsAreRefused() {
        assertThatThrownBy(() -> SignedNote.parse("text\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.parse("text\n\nnot a signature\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Checkpoint.parse("origin\n007\n" + Base64.getEncoder().encodeToString(new byte[32])
                + "\n")).hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> Checkpoint.parse("origin\n7\nAAAA\n")).hasMessageContaining("32-byte");
    }
}
