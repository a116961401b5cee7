package org.treatyregistry.contract.reports;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * An Article 7 report of a State reached the Secretary-General, and the record knows that much only: when it was
 * received (as precisely as the source gives it) and the period it covers, not what it says. A
 * {@link ReportSubmitted} for the same period may bring its content later.
 *
 * @param period       "initial", the calendar year covered ("2004"), or the period as the source names it
 *                     ("second", "Apr2006-Mar2007"), which no due report of the Art. 7 schedule is matched to
 * @param received     {@code 2005-04-30}, {@code 2012-04} or {@code 2013}: no day is invented
 * @param sourceStatus what the source says of it, e.g. "submitted_late", or null
 */
public record ReportReceived(String iso3, String period, String received, String sourceStatus,
                             String sourceReference) implements StateEvent {

    /** The date must be readable: a report received on no known date is not recorded as this fact. */
    public ReportReceived {
        PartialDate.parse(received);
    }

    public PartialDate receivedDate() {
        return PartialDate.parse(received);
    }

    /** Counted as received from the last day of its date's period: by then it had certainly arrived. */
    @Override
    public LocalDate effectiveDate() {
        return receivedDate().certainBy();
    }
}
