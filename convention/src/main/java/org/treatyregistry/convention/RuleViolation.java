package org.treatyregistry.convention;

/** A fact that the Convention's rules do not allow; nothing is recorded. {@code rule} names the rule broken. */
public class RuleViolation extends RuntimeException {

    private final String rule;

    public RuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
