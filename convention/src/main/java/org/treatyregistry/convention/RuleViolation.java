package org.treatyregistry.convention;

import java.util.Optional;

/** A fact that the Convention's rules do not allow; nothing is recorded. {@code rule} names the rule broken. */
public class RuleViolation extends RuntimeException {

    private final String rule;

    public RuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** What a rule answers when the fact breaks it. */
    public static Optional<RuleViolation> refused(String rule, String message) {
        return Optional.of(new RuleViolation(rule, message));
    }

    public String rule() {
        return rule;
    }
}
