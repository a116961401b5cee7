package org.treatyregistry.indicators.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.platform.facts.StateFactsProjection;

/** The read model of the indicators' own records: every State's, as recorded; idempotent and replayable. */
@Component
@ProcessingGroup("indicator-records")
public class IndicatorRecords extends StateFactsProjection {

    public IndicatorRecords(MongoDatabase serviceDatabase, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        super(serviceDatabase, "indicator_records", json);
    }

    /** Every State's records as they stood at {@code knownAt}, by ISO3 code. */
    public Map<String, List<Fact>> records(Instant knownAt) {
        Map<String, List<Fact>> records = new LinkedHashMap<>();
        store.all().forEach(state -> records.put(state.iso3(), state.facts().stream()
                .filter(f -> !f.recordedAt().isAfter(knownAt)).toList()));
        return records;
    }
}
