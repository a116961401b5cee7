package org.treatyregistry.registry.participation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.facts.StateFactStore;
import org.treatyregistry.platform.facts.StateFactsProjection;

/**
 * Every State's recorded facts. Reads rebuild a {@link StateHistory} from the facts recorded by their
 * {@code knownAt} and compute any date's answer from it, so one document per State answers every {@code asOf}
 * and every {@code knownAt}.
 */
@Component
@ProcessingGroup(RegistryProjection.PROCESSING_GROUP)
public class RegistryProjection extends StateFactsProjection {

    public static final String PROCESSING_GROUP = "registry-facts";

    RegistryProjection(MongoDatabase serviceDatabase, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        super(serviceDatabase, "registry_facts", json);
    }

    /** Every State's facts as recorded, in recording order. */
    public List<RecordedState> all() {
        return store.all().stream().map(RecordedState::new).toList();
    }

    public Optional<RecordedState> find(String iso3) {
        return store.find(iso3).map(RecordedState::new);
    }

    public record RecordedState(String iso3, List<Fact> facts) {

        RecordedState(StateFactStore.StoredState stored) {
            this(stored.iso3(), stored.facts());
        }

        /** The State's history as the record stood at {@code knownAt}. */
        public StateHistory knownAt(Instant knownAt) {
            return StateHistory.knownAt(iso3, facts, knownAt);
        }
    }
}
