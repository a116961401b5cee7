package org.treatyregistry.convention;

import java.util.Optional;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.participation.StateHistory;

/**
 * What a fact of one type must keep to be recorded, against the State's record so far: empty when it may be
 * recorded. One named rule per event type, chosen by the fact's class ({@link FactRules}).
 */
@FunctionalInterface
public interface FactRule<E extends StateEvent> {

    /** {@code name}: the State's name, as the violation's message gives it. */
    Optional<RuleViolation> check(StateHistory history, E next, String name);
}
