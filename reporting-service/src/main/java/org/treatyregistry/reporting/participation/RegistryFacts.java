package org.treatyregistry.reporting.participation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.facts.InboundStateFacts;
import org.treatyregistry.platform.facts.StateFactStore;

/**
 * The registry's facts about every State, from its topic: who is bound, since when, with which Article 4 and 5
 * obligations. Reports are owed and checked by the Convention's own rules ({@link StateHistory}) over them.
 */
@Component
public class RegistryFacts extends InboundStateFacts {

    public RegistryFacts(MongoDatabase serviceDatabase, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        super(serviceDatabase, "registry_facts", json);
    }

    /** Every State's history as the record stood at {@code knownAt}, by ISO3 code. */
    public Map<String, StateHistory> histories(Instant knownAt) {
        Map<String, StateHistory> histories = new LinkedHashMap<>();
        store.all().forEach(state -> histories.put(state.iso3(), StateHistory.knownAt(state.iso3(), state.facts(),
                knownAt)));
        return histories;
    }

    public StateHistory history(String iso3, Instant knownAt) {
        return StateHistory.knownAt(iso3, store.find(iso3).map(StateFactStore.StoredState::facts).orElse(List.of()),
                knownAt);
    }
}
