package org.treatyregistry.convention;

import java.util.Optional;

/**
 * A fact that the Convention's rules do not allow; nothing is recorded. {@code rule} names the rule broken;
 * {@code field}, where one field of the posted fact is at fault, names it (else null).
 */
public class RuleViolation extends RuntimeException {

    private final String rule;
    private final String field;

    public RuleViolation(String rule, String message) {
        this(rule, null, message);
    }

    public RuleViolation(String rule, String field, String message) {
        super(message);
        this.rule = rule;
        this.field = field;
    }

    /** What a rule answers when the fact breaks it. */
    public static Optional<RuleViolation> refused(String rule, String message) {
        return Optional.of(new RuleViolation(rule, message));
    }

    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }
}
