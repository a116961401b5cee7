package org.treatyregistry.gateway;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an API key may do; the services receive the role's id in the token's {@code roles} claim. */
public enum Role {
    /** Posts events. */
    INTEGRATION,
    /** Reads everything. */
    AUDITOR,
    /** Reads, and runs operations such as replays. */
    OPERATOR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Role> fromId(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id)).findFirst();
    }
}
