package org.treatyregistry.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured API keys, parsed from comma-separated {@code name:role:key} entries. Only SHA-256 digests of the
 * keys are kept. Error messages name entries by position and name, never by key, as they end up in logs.
 */
public final class ApiKeys {

    static final int MIN_KEY_LENGTH = 16;
    private static final String PROPERTY = "treaty.gateway.api-keys (TREATY_API_KEYS)";

    private record Entry(ApiClient client, byte[] digest) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ApiKeys parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(PROPERTY + " is empty; set comma-separated name:role:key entries, "
                    + "e.g. ingest-1:integration:<key of at least " + MIN_KEY_LENGTH + " characters>");
        }
        String[] items = spec.split(",", -1);
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.length; i++) {
            String[] parts = items[i].trim().split(":", 3);
            String position = "Entry " + (i + 1) + " of " + PROPERTY;
            if (parts.length != 3 || parts[0].isBlank()) {
                throw new IllegalArgumentException(position + " is not of the form name:role:key");
            }
            String name = parts[0].trim();
            String key = parts[2].trim();
            Role role = Role.fromId(parts[1].trim()).orElseThrow(() -> new IllegalArgumentException(
                    position + " ('" + name + "') has unknown role '" + parts[1].trim()
                            + "'; use integration, auditor or operator"));
            if (key.length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException(position + " ('" + name + "') has a key shorter than "
                        + MIN_KEY_LENGTH + " characters");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(position + " reuses the name '" + name
                        + "'; names identify who posted events, so each must be unique");
            }
            byte[] digest = sha256(key);
            for (Entry other : entries) {
                if (MessageDigest.isEqual(other.digest(), digest)) {
                    throw new IllegalArgumentException(position + " ('" + name + "') has the same key as '"
                            + other.client().name() + "'; give each entry its own key");
                }
            }
            entries.add(new Entry(new ApiClient(name, role), digest));
        }
        return new ApiKeys(entries);
    }

    /** The holder of a presented key. Compares fixed-length digests with every entry, so timing reveals nothing. */
    public Optional<ApiClient> find(String presentedKey) {
        byte[] digest = sha256(presentedKey);
        ApiClient match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                match = entry.client();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
