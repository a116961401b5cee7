package org.treatyregistry.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.treatyregistry.contract.participation.InstrumentDeposited;

/**
 * The published event types and their CloudEvents {@code type} names. The name is part of the public
 * interface, so it is derived from the simple class name and never from the package: moving a record
 * between packages must not change what consumers see.
 */
public final class EventCatalog {

    public static final String TYPE_PREFIX = "org.treatyregistry.";

    private static final List<Class<? extends StateEvent>> EVENTS = List.of(InstrumentDeposited.class);

    private static final Map<String, Class<? extends StateEvent>> BY_TYPE =
            EVENTS.stream().collect(Collectors.toUnmodifiableMap(EventCatalog::typeOf, Function.identity()));

    private EventCatalog() {
    }

    public static List<Class<? extends StateEvent>> events() {
        return EVENTS;
    }

    public static String typeOf(Class<?> eventClass) {
        return TYPE_PREFIX + eventClass.getSimpleName();
    }

    public static Optional<Class<? extends StateEvent>> classOf(String cloudEventType) {
        return Optional.ofNullable(BY_TYPE.get(cloudEventType));
    }
}
