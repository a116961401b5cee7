package org.treatyregistry.reporting.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportDueDatesTest {

    @Test
    void theInitialReportIsDue180DaysAfterEntryIntoForce() {
        // Ukraine: in force 1 June 2006 (Art. 17), initial report due under Art. 7.1
        assertThat(ReportDueDates.initialReport(LocalDate.of(2006, 6, 1))).isEqualTo(LocalDate.of(2006, 11, 28));
        // the first States Parties: in force 1 March 1999
        assertThat(ReportDueDates.initialReport(LocalDate.of(1999, 3, 1))).isEqualTo(LocalDate.of(1999, 8, 28));
    }

    @Test
    void aReportIsMissingOnlyAfterItsDueDate() {
        LocalDate due = LocalDate.of(2006, 11, 28);
        assertThat(ReportStatus.on(due, due)).isEqualTo(ReportStatus.NOT_YET_DUE);
        assertThat(ReportStatus.on(due.plusDays(1), due)).isEqualTo(ReportStatus.MISSING);
    }
}
