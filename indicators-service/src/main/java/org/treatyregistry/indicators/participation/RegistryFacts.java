package org.treatyregistry.indicators.participation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.facts.InboundStateFacts;
import org.treatyregistry.platform.facts.StateFactStore;
import org.treatyregistry.platform.kafka.InboundEvent;

/**
 * The registry's facts about every State, from its topic, kept as recorded: the populations of the indicators
 * are computed from them by the Convention's own rules ({@link StateHistory}), as the registry computes them.
 */
@Component
public class RegistryFacts extends InboundStateFacts {

    public RegistryFacts(MongoDatabase serviceDatabase,
                                  @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        super(serviceDatabase, "participants", json);
    }

    /** Only the registry's: the indicators follow reporting's topic too. */
    @Override
    protected boolean holds(InboundEvent event) {
        return event.source().endsWith("/registry-service");
    }

    /** Every State's history as the record stood at {@code knownAt}. */
    public List<StateHistory> histories(Instant knownAt) {
        return store.all().stream().map(state -> StateHistory.knownAt(state.iso3(), state.facts(), knownAt)).toList();
    }

    /** One State's history as the record stood at {@code knownAt} (empty if the registry has no facts about it). */
    public StateHistory history(String iso3, Instant knownAt) {
        return StateHistory.knownAt(iso3, store.find(iso3).map(StateFactStore.StoredState::facts).orElse(List.of()),
                knownAt);
    }
}
