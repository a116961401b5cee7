package org.treatyregistry.platform.subscriptions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.treatyregistry.transparency.NoteKeys;

/**
 * Signatures of a webhook delivery as Standard Webhooks defines them: the signed content is
 * {@code <webhook-id>.<webhook-timestamp>.<body>}; {@code v1} is its HMAC-SHA256 under a subscription's secret
 * ({@code whsec_<base64>}), {@code v1a} its Ed25519 signature under the service's key, which receivers verify with
 * the public key {@code whpk_<base64 of the 32-byte key>}. The header lists every signature, space-separated, so a
 * receiver keeps verifying while a secret is rotated.
 */
public final class WebhookSignatures {

    static final String SECRET_PREFIX = "whsec_";
    static final String SIGNING_KEY_PREFIX = "whsk_";
    static final String PUBLIC_KEY_PREFIX = "whpk_";
    /** Standard Webhooks: a symmetric secret of at least 24 bytes; ours are 32. */
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignatures() {
    }

    /** A new subscription secret, {@code whsec_} and 32 random bytes in base64. */
    public static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(secret);
    }

    /** {@code v1,<base64 HMAC-SHA256>} of the delivery under {@code secret} ({@code whsec_} prefix optional). */
    public static String v1(String secret, String id, long timestamp, byte[] body) {
        String key = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed(id, timestamp, body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HMAC-SHA256", e);
        }
    }

    /** {@code v1a,<base64 Ed25519 signature>} of the delivery under the service's signing key. */
    public static String v1a(PrivateKey key, String id, long timestamp, byte[] body) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(signed(id, timestamp, body));
            return "v1a," + Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK signs with Ed25519", e);
        }
    }

    /** A new Ed25519 signing key, {@code whsk_} and its 32-byte seed in base64. */
    public static String newSigningKey() {
        return SIGNING_KEY_PREFIX + Base64.getEncoder().encodeToString(NoteKeys.newSeed());
    }

    /** The private key of a {@code whsk_} signing key. */
    public static PrivateKey signingKey(String encoded) {
        return NoteKeys.privateKeyOf(decode(encoded, SIGNING_KEY_PREFIX));
    }

    /** The {@code whpk_} public key a receiver verifies {@code v1a} signatures of {@code signingKey} with. */
    public static String publicKeyOf(String signingKey) {
        return PUBLIC_KEY_PREFIX + Base64.getEncoder()
                .encodeToString(NoteKeys.publicKeyOf(decode(signingKey, SIGNING_KEY_PREFIX)));
    }

    /** The JDK's public key of a {@code whpk_} key. */
    public static PublicKey publicKey(String encoded) {
        return NoteKeys.publicKey(decode(encoded, PUBLIC_KEY_PREFIX));
    }

    private static byte[] signed(String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        return concat(prefix, body);
    }

    private static byte[] decode(String encoded, String prefix) {
        if (!encoded.startsWith(prefix)) {
            throw new IllegalArgumentException("a key of this kind starts with " + prefix);
        }
        byte[] raw = Base64.getDecoder().decode(encoded.substring(prefix.length()));
        if (raw.length != 32) {
            throw new IllegalArgumentException(prefix + " holds 32 bytes in base64, not " + raw.length);
        }
        return raw;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
