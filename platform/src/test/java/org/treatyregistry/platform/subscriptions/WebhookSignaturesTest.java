package org.treatyregistry.platform.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

    /** The Standard Webhooks libraries' published example (their symmetric signing test). */
    @Test
    void signsTheStandardWebhooksExampleAsTheSpecificationsLibrariesDo() {
        assertThat(WebhookSignatures.v1("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theTestReceiversOwnVerifierAgreesWithTheSpecificationsExample() {
        byte[] content = "msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{\"test\": 2432232314}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Base64.getEncoder().encodeToString(WebhookReceiver.hmac("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                content))).isEqualTo("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void anEd25519SignatureVerifiesUnderThePublishedKeyAndNoOther() throws Exception {
        String key = WebhookSignatures.newSigningKey();
        byte[] body = "{\"id\":\"e\"}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignatures.v1a(WebhookSignatures.signingKey(key), "e", 1_700_000_000L, body);
        assertThat(signature).startsWith("v1a,");
        assertThat(WebhookSignatures.publicKeyOf(key)).startsWith("whpk_");

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(WebhookSignatures.publicKey(WebhookSignatures.publicKeyOf(key)));
        verifier.update("e.1700000000.{\"id\":\"e\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(signature.substring(4)))).isTrue();

        verifier.initVerify(WebhookSignatures.publicKey(WebhookSignatures.publicKeyOf(
                WebhookSignatures.newSigningKey())));
        verifier.update("e.1700000000.{\"id\":\"e\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(signature.substring(4)))).isFalse();
    }

    @Test
    void aNewSecretIsThirtyTwoRandomBytes() {
        String secret = WebhookSignatures.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSignatures.newSecret()).isNotEqualTo(secret);
    }
}
