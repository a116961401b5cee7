package org.treatyregistry.transparency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys as C2SP signed notes name them (the Go {@code sumdb/note} encodings): a verifier key
 * {@code <name>+<key id, 8 hex digits>+<base64(0x01 || public key)>}, a signer key
 * {@code PRIVATE+KEY+<name>+<key id>+<base64(0x01 || 32-byte seed)>}, the key id the first four bytes of
 * {@code SHA-256(name || 0x0A || 0x01 || public key)}. The JDK's own Ed25519 (RFC 8032) signs and verifies.
 */
public final class NoteKeys {

    static final byte ED25519 = 0x01;
    /** DER prefixes of an Ed25519 public key (SubjectPublicKeyInfo) and private key (PKCS #8), raw key after. */
    private static final byte[] PUBLIC_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PRIVATE_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final String PRIVATE = "PRIVATE+KEY+";

    private NoteKeys() {
    }

    /** A key that verifies: its name, id and the JDK's public key. */
    public record Verifier(String name, int keyId, PublicKey key) {

        /** {@code <name>+<id>+<base64(0x01 || key)>}. */
        public String encoded() {
            return name + "+" + hex(keyId) + "+" + Base64.getEncoder().encodeToString(typed(raw(key)));
        }
    }

    /** A key that signs, with its verifier. */
    public record Signer(String name, int keyId, PrivateKey key, Verifier verifier) {

        /** {@code PRIVATE+KEY+<name>+<id>+<base64(0x01 || seed)>}: what an operator keeps secret. */
        public String encoded(byte[] seed) {
            return PRIVATE + name + "+" + hex(keyId) + "+" + Base64.getEncoder().encodeToString(typed(seed));
        }
    }

    /** A new key pair named {@code name}, and its encoded signer key. */
    public static String generate(String name) {
        checkName(name);
        byte[] seed = newSeed();
        return PRIVATE + name + "+" + hex(keyId(name, publicKeyOf(seed))) + "+"
                + Base64.getEncoder().encodeToString(typed(seed));
    }

    /** Reads an encoded signer key, checking that its id matches its name and key. */
    public static Signer signer(String encoded) {
        if (!encoded.startsWith(PRIVATE)) {
            throw new IllegalArgumentException("a signer key starts with PRIVATE+KEY+");
        }
        String[] parts = split(encoded.substring(PRIVATE.length()).strip());
        byte[] seed = untyped(parts[2], "signer");
        Verifier verifier = verifier(parts[0], publicKeyOf(seed));
        checkId(parts, verifier.keyId());
        return new Signer(parts[0], verifier.keyId(), privateKeyOf(seed), verifier);
    }

    /** Reads an encoded verifier key, checking that its id matches its name and key. */
    public static Verifier verifier(String encoded) {
        String[] parts = split(encoded.strip());
        Verifier verifier = verifier(parts[0], untyped(parts[2], "verifier"));
        checkId(parts, verifier.keyId());
        return verifier;
    }

    private static Verifier verifier(String name, byte[] publicKey) {
        checkName(name);
        return new Verifier(name, keyId(name, publicKey), publicKey(publicKey));
    }

    /** The JDK's Ed25519 private key of a 32-byte seed (RFC 8032's private key). */
    public static PrivateKey privateKeyOf(byte[] seed) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PRIVATE_PREFIX,
                    seed)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /** The raw 32-byte public key of a seed, as the JDK derives it when it generates a key pair from that seed. */
    public static byte[] publicKeyOf(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, new FixedSeed(seed));
            return raw(generator.generateKeyPair().getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /** The JDK's Ed25519 public key of a raw 32-byte key. */
    public static PublicKey publicKey(byte[] raw) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(PUBLIC_PREFIX,
                    raw)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** A new Ed25519 private key's 32-byte seed. */
    public static byte[] newSeed() {
        try {
            byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
            return Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    static int keyId(String name, byte[] publicKey) {
        var sha = Merkle.sha256();
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        sha.update(ED25519);
        byte[] hash = sha.digest(publicKey);
        return ((hash[0] & 0xFF) << 24) | ((hash[1] & 0xFF) << 16) | ((hash[2] & 0xFF) << 8) | (hash[3] & 0xFF);
    }

    static byte[] raw(PublicKey key) {
        byte[] x509 = key.getEncoded();
        return Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    }

    /** {@code <name>+<id>+<key>}: the name has no '+', the id is 8 hex digits, the base64 key may hold '+'. */
    private static String[] split(String encoded) {
        int first = encoded.indexOf('+');
        if (first <= 0 || encoded.length() < first + 10 || encoded.charAt(first + 9) != '+'
                || !encoded.substring(first + 1, first + 9).matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("a note key is <name>+<8 hex digits>+<base64 key>");
        }
        return new String[] {encoded.substring(0, first), encoded.substring(first + 1, first + 9),
            encoded.substring(first + 10)};
    }

    private static void checkId(String[] parts, int keyId) {
        if (!parts[1].equals(hex(keyId))) {
            throw new IllegalArgumentException("key id " + parts[1] + " does not match the name and key (expected "
                    + hex(keyId) + ")");
        }
    }

    static void checkName(String name) {
        if (name.isEmpty() || name.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c == '+' || c < 0x20)) {
            throw new IllegalArgumentException("a key name is not empty and has no spaces or '+': " + name);
        }
    }

    private static byte[] untyped(String base64, String what) {
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " key is not base64", e);
        }
        if (typed.length != 33 || typed[0] != ED25519) {
            throw new IllegalArgumentException("the " + what + " key is not an Ed25519 key (type 0x01, 32 bytes)");
        }
        return Arrays.copyOfRange(typed, 1, 33);
    }

    private static byte[] typed(byte[] key) {
        return concat(new byte[] {ED25519}, key);
    }

    static String hex(int keyId) {
        return String.format("%08x", keyId);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A random source that yields the seed: how the JDK derives an Ed25519 key pair from a given private key. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
