package org.treatyregistry.reporting.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.platform.facts.StateFactStore;
import org.treatyregistry.platform.facts.StateFactsProjection;

/**
 * The read model of reports and stockpile facts: every State's facts as recorded, one document per State, from
 * which each view is computed for the date and recording time asked. Idempotent and replayable.
 */
@Component
@ProcessingGroup("reporting-facts")
public class ReportingFacts extends StateFactsProjection {

    public ReportingFacts(MongoDatabase serviceDatabase, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        super(serviceDatabase, "reporting_facts", json);
    }

    /** Reports and stockpile facts; land release has its own read model ({@code ContaminationProjection}). */
    @Override
    protected boolean holds(StateEvent event) {
        return ReportingRecord.isReportingFact(event);
    }

    /** Every State's record as it stood at {@code knownAt}, by ISO3 code. */
    public Map<String, ReportingRecord> records(Instant knownAt) {
        Map<String, ReportingRecord> records = new LinkedHashMap<>();
        store.all().forEach(state -> records.put(state.iso3(), record(state).knownAt(knownAt)));
        return records;
    }

    public ReportingRecord record(String iso3, Instant knownAt) {
        return store.find(iso3).map(ReportingFacts::record).orElseGet(() -> ReportingRecord.empty(iso3))
                .knownAt(knownAt);
    }

    private static ReportingRecord record(StateFactStore.StoredState state) {
        return new ReportingRecord(state.iso3(), state.facts());
    }
}
