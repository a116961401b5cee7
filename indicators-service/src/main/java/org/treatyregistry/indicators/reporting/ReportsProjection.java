package org.treatyregistry.indicators.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.platform.facts.InboundStateFacts;
import org.treatyregistry.platform.kafka.InboundEvent;

/**
 * The reporting service's reports and stockpile facts, from its topic, kept as recorded: the Action Plan's
 * indicators read the Article 7 answers, receipts and stockpiles from them (SRAAP section 5). Land release by area
 * is not kept here.
 */
@Component
public class ReportsProjection extends InboundStateFacts {

    public ReportsProjection(MongoDatabase serviceDatabase, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        super(serviceDatabase, "reports", json);
    }

    @Override
    protected boolean holds(InboundEvent event) {
        return ReportingRecord.isReportingFact(event.payload());
    }

    /** Every State's reporting record as it stood at {@code knownAt}, by ISO3 code. */
    public Map<String, ReportingRecord> records(Instant knownAt) {
        Map<String, ReportingRecord> records = new LinkedHashMap<>();
        store.all().forEach(state -> records.put(state.iso3(), new ReportingRecord(state.iso3(), state.facts())
                .knownAt(knownAt)));
        return records;
    }
}
