package org.treatyregistry.contract.reports;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A monitor (the Landmine Monitor, the ICBL, a delegation at a meeting) stated on a date that a State's Article 7
 * report for a period had not been received, or was late. A statement about the record on that date, not a
 * report, and not a finding for any other State: a list that names some States says nothing of the others.
 *
 * @param statedOn  {@code 2015-06-18}, {@code 2000}: as precisely as the source dates the statement
 * @param statement what the monitor said: "not_submitted" or "late"
 */
public record MissingReportListed(String iso3, String period, String statedOn, String statement,
                                    String sourceReference) implements StateEvent {

    public MissingReportListed {
        PartialDate.parse(statedOn);
    }

    public PartialDate statedDate() {
        return PartialDate.parse(statedOn);
    }

    @Override
    public LocalDate effectiveDate() {
        return statedDate().certainBy();
    }
}
