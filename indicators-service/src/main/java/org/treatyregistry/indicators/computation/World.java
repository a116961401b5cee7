package org.treatyregistry.indicators.computation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.ReportingRecord;

/**
 * What the indicators are computed from, as known at one time: every State's participation (the registry's
 * facts) and reporting record (reports and stockpiles), and the date reports are read as of.
 */
public record World(List<StateHistory> histories, Map<String, ReportingRecord> reports, LocalDate asOf) {

    public ReportingRecord reportsOf(String iso3) {
        return reports.getOrDefault(iso3, ReportingRecord.empty(iso3));
    }
}
