package org.treatyregistry.reporting.reports;

import java.time.LocalDate;

/** When Article 7 transparency reports are due. */
public final class ReportDueDates {

    /** Art. 7.1: the initial report, "as soon as practicable, and in any event not later than 180 days". */
    static final int INITIAL_REPORT_DAYS = 180;

    private ReportDueDates() {
    }

    public static LocalDate initialReport(LocalDate entryIntoForce) {
        return entryIntoForce.plusDays(INITIAL_REPORT_DAYS);
    }
}
