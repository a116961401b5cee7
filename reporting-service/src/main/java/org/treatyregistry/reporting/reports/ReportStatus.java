package org.treatyregistry.reporting.reports;

import java.time.LocalDate;

/** Where a due report stands on a date. No reports are recorded yet, so a report past due is missing. */
public enum ReportStatus {
    NOT_YET_DUE,
    MISSING;

    public static ReportStatus on(LocalDate date, LocalDate dueDate) {
        return date.isAfter(dueDate) ? MISSING : NOT_YET_DUE;
    }
}
