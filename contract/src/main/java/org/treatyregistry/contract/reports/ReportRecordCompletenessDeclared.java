package org.treatyregistry.contract.reports;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/**
 * Whoever keeps the reports (the Implementation Support Unit, or an integration from the UN's reporting system)
 * declared that the record holds every Article 7 report the State sent for the period, and will hold any it
 * sends later. Only then does a due report absent from the record count as missing; without it the record may
 * be incomplete, and the report is "not on record".
 */
public record ReportRecordCompletenessDeclared(String iso3, String period, LocalDate declaredOn, String sourceReference)
        implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return declaredOn;
    }
}
