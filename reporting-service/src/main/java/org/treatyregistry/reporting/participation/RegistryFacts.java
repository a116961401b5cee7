package org.treatyregistry.reporting.participation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.treatyregistry.convention.participation.Fact;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.facts.StateFactStore;
import org.treatyregistry.platform.kafka.InboundEvent;
import org.treatyregistry.platform.kafka.InboundEventHandler;

/**
 * The registry's facts about every State, from its topic: who is bound, since when, with which Article 4 and 5
 * obligations. Reports are owed and checked by the Convention's own rules ({@link StateHistory}) over them.
 */
@Component
public class RegistryFacts implements InboundEventHandler {

    private final StateFactStore store;

    public RegistryFacts(MongoDatabase serviceDatabase, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.store = new StateFactStore(serviceDatabase, "registry_facts", json);
    }

    @Override
    public void on(InboundEvent event) {
        store.append(event.id(), event.recordedAt(), event.principal(), event.payload());
    }

    /** Every State's history as the record stood at {@code knownAt}, by ISO3 code. */
    public Map<String, StateHistory> histories(Instant knownAt) {
        Map<String, StateHistory> histories = new LinkedHashMap<>();
        store.all().forEach(state -> histories.put(state.iso3(), history(state, knownAt)));
        return histories;
    }

    public StateHistory history(String iso3, Instant knownAt) {
        return store.find(iso3).map(state -> history(state, knownAt)).orElseGet(() -> StateHistory.of(iso3, java.util.List.of()));
    }

    private static StateHistory history(StateFactStore.StoredState state, Instant knownAt) {
        return StateHistory.knownAt(state.iso3(), state.facts().stream()
                .map(f -> new Fact(f.eventId(), f.recordedAt(), f.event())).toList(), knownAt);
    }
}
