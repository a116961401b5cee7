package org.treatyregistry.reporting.reports;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;

/**
 * Where a due report stands on a date, by what the record holds. A report absent from the record is
 * {@code MISSING} only where the record is declared complete for the State and period; otherwise the record may
 * simply not have it ({@code NOT_ON_RECORD}), or a monitor said it had not arrived ({@code LISTED_AS_MISSING}).
 */
public enum ReportStatus {
    NOT_YET_DUE,
    SUBMITTED_ON_TIME,
    SUBMITTED_LATE,
    /** received, but the date on record (a month or a year) spans the due date: on time or late is unknown */
    SUBMITTED_TIMELINESS_UNKNOWN,
    /** due, not received, and the record is declared complete for the State and period */
    MISSING,
    /** due and not on record; a monitor stated by the date that it had not been received */
    LISTED_AS_MISSING,
    /** due and not on record, and the record is not known to be complete: it may have been sent */
    NOT_ON_RECORD,
    /** from a State not party, owed nothing */
    VOLUNTARY,
    /** received for a period as the source names it ("second", "Apr2006-Mar2007"), matched to no due report */
    RECEIVED_UNMATCHED;

    /** {@code received}: the first receipt's date, or null if none had arrived by {@code date}. */
    public static ReportStatus on(LocalDate date, LocalDate dueDate, PartialDate received, boolean complete,
                                  boolean listedMissing) {
        if (received != null) {
            return !received.certainBy().isAfter(dueDate) ? SUBMITTED_ON_TIME
                    : received.earliest().isAfter(dueDate) ? SUBMITTED_LATE : SUBMITTED_TIMELINESS_UNKNOWN;
        }
        if (!date.isAfter(dueDate)) {
            return NOT_YET_DUE;
        }
        return complete ? MISSING : listedMissing ? LISTED_AS_MISSING : NOT_ON_RECORD;
    }
}
