package org.treatyregistry.reporting.reports;

import java.time.LocalDate;

/** Where a due report stands on a date. */
public enum ReportStatus {
    NOT_YET_DUE,
    SUBMITTED_ON_TIME,
    SUBMITTED_LATE,
    MISSING,
    /** from a State not party, owed nothing */
    VOLUNTARY;

    /** {@code received} is the first submission's date, or null if none had arrived by {@code date}. */
    public static ReportStatus on(LocalDate date, LocalDate dueDate, LocalDate received) {
        if (received != null) {
            return received.isAfter(dueDate) ? SUBMITTED_LATE : SUBMITTED_ON_TIME;
        }
        return date.isAfter(dueDate) ? MISSING : NOT_YET_DUE;
    }
}
