package org.treatyregistry.reporting.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.convention.alerts.Alerts;
import org.treatyregistry.convention.alerts.Alerts.Alert;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.reporting.record.Reporting;

/** Ukraine's first reports (article7_submissions.csv): warned of while none was received, overdue only if known. */
class ReportAlertsTest {

    /** Ratified 27 December 2005, in force 1 June 2006: initial report due 28 November 2006 (Art. 7.1). */
    private final StateHistory ukraine = Facts.of("UKR").signed("1999-02-24")
            .deposited(InstrumentType.RATIFICATION, "2005-12-27").history();

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private List<Alert> firing(Reporting record, String from, String to) {
        return ReportAlerts.firing(ukraine, record.record(), d(from), d(to), Alerts.DEFAULT_DAYS_AHEAD);
    }

    @Test
    void theInitialReportReceivedLateIsWarnedOfTwiceAndCalledOverdueOnlyWhereTheRecordIsComplete() {
        // Received 12 December 2006, two weeks late; the record is not declared complete for it.
        Reporting received = Reporting.of("UKR").report("initial", "2006-12-12");
        assertThat(firing(received, "2006-01-01", "2006-12-31")).extracting(Alert::id, Alert::firesOn).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ARTICLE_7_REPORT_DUE/UKR/2006-11-28/90", d("2006-08-30")),
                org.assertj.core.groups.Tuple.tuple("ARTICLE_7_REPORT_DUE/UKR/2006-11-28/30", d("2006-10-29")));
        // Had it not come, and were the record declared complete for it, it is overdue the day after it was due.
        Reporting missing = Reporting.of("UKR").complete("initial");
        Alert overdue = firing(missing, "2006-11-01", "2006-12-31").stream()
                .filter(a -> a.kind() == Alerts.Kind.ARTICLE_7_REPORT_OVERDUE).findFirst().orElseThrow();
        assertThat(overdue.firesOn()).isEqualTo(d("2006-11-29"));
        assertThat(overdue.restsOn()).hasSize(2);
        assertThat(overdue.rule()).contains("initial report (Art. 7.1)").contains("declared complete");
    }

    @Test
    void anAnnualReportReceivedBeforeItsWarningIsNotWarnedOf() {
        // The report on 2006 was received on 11 April 2007, due 30 April 2007: the 90-day warning (30 January)
        // fired, the 30-day one (31 March) too; one received in February only the first; in January, none.
        Reporting april = Reporting.of("UKR").report("initial", "2006-12-12").report("2006", "2007-04-11");
        assertThat(firing(april, "2007-01-01", "2007-06-30")).extracting(Alert::id).containsExactly(
                "ARTICLE_7_REPORT_DUE/UKR/2007-04-30/90", "ARTICLE_7_REPORT_DUE/UKR/2007-04-30/30");
        Reporting february = Reporting.of("UKR").report("initial", "2006-12-12").report("2006", "2007-02-15");
        assertThat(firing(february, "2007-01-01", "2007-06-30")).extracting(Alert::id)
                .containsExactly("ARTICLE_7_REPORT_DUE/UKR/2007-04-30/90");
        Reporting early = Reporting.of("UKR").report("initial", "2006-12-12").report("2006", "2007-01-05").complete(
                "2006");
        assertThat(firing(early, "2007-01-01", "2007-06-30")).isEmpty();
    }
}
