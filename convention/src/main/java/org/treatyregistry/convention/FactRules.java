package org.treatyregistry.convention;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.participation.StateHistory;

/** Rules by the class of the fact they check. A fact of a type with no rule here has nothing of theirs to keep. */
public final class FactRules {

    private final Map<Class<? extends StateEvent>, FactRule<?>> byType;

    private FactRules(Map<Class<? extends StateEvent>, FactRule<?>> byType) {
        this.byType = Map.copyOf(byType);
    }

    public static FactRules none() {
        return new FactRules(Map.of());
    }

    /** These rules and {@code rule} for facts of {@code type} (event classes are records: final, so exact). */
    public <E extends StateEvent> FactRules with(Class<E> type, FactRule<? super E> rule) {
        Map<Class<? extends StateEvent>, FactRule<?>> next = new HashMap<>(byType);
        if (next.put(type, rule) != null) {
            throw new IllegalArgumentException("two rules for " + type.getSimpleName());
        }
        return new FactRules(next);
    }

    @SuppressWarnings("unchecked")
    public Optional<RuleViolation> check(StateHistory history, StateEvent next, String name) {
        // the rule was registered for exactly this class
        FactRule<StateEvent> rule = (FactRule<StateEvent>) byType.get(next.getClass());
        return rule == null ? Optional.empty() : rule.check(history, next, name);
    }
}
