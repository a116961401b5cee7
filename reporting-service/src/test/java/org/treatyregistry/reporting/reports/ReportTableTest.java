package org.treatyregistry.reporting.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.contract.participation.WithdrawalNotified;
import org.treatyregistry.contract.reports.MissingReportListed;
import org.treatyregistry.contract.reports.ReportReceived;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.Article7;
import org.treatyregistry.reporting.record.Reporting;

class ReportTableTest {

    /** Ukraine: ratified 27 December 2005, in force 1 June 2006 (Art. 17.2). */
    private final StateHistory ukraine = Facts.of("UKR").signed("1999-02-24")
            .deposited(InstrumentType.RATIFICATION, "2005-12-27").history();

    private static ReportTable.Row row(List<ReportTable.Row> rows, String period) {
        return rows.stream().filter(r -> r.period().equals(period)).findFirst().orElseThrow();
    }

    @Test
    void theInitialReportIsDue180DaysAfterEntryIntoForceThenOneEvery30April() {
        assertThat(Article7.initialReport(LocalDate.of(2006, 6, 1))).isEqualTo(LocalDate.of(2006, 11, 28));
        // the first States Parties: in force 1 March 1999, initial report by 28 August 1999
        assertThat(Article7.initialReport(LocalDate.of(1999, 3, 1))).isEqualTo(LocalDate.of(1999, 8, 28));
        List<Article7.DueReport> owed = Article7.owedBy(ukraine, LocalDate.of(2008, 12, 31));
        assertThat(owed).extracting(Article7.DueReport::period).containsExactly("initial", "2006", "2007");
        assertThat(owed.get(1).dueDate()).isEqualTo(LocalDate.of(2007, 4, 30));
    }

    @Test
    void noAnnualReportIsDueBeforeTheInitialOne() {
        // Marshall Islands: ratified 12 March 2025, in force 1 September 2025; initial report by 28 February 2026
        StateHistory marshallIslands = Facts.of("MHL").signed("1997-12-04")
                .deposited(InstrumentType.RATIFICATION, "2025-03-12").history();
        assertThat(Article7.owedBy(marshallIslands, LocalDate.of(2026, 12, 31)))
                .extracting(Article7.DueReport::period, Article7.DueReport::dueDate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("initial", LocalDate.of(2026, 2, 28)),
                        org.assertj.core.groups.Tuple.tuple("2025", LocalDate.of(2026, 4, 30)));
    }

    @Test
    void aWithdrawalThatTookEffectEndsTheObligation() {
        // Lithuania: notice received 27 June 2025, in effect 27 December 2025 - no report for 2025 is owed
        StateHistory lithuania = Facts.of("LTU").signed("1999-02-26")
                .deposited(InstrumentType.RATIFICATION, "2003-05-12")
                .add(new WithdrawalNotified("LTU", "2025-06-27", "security", null, null)).history();
        assertThat(Article7.owedBy(lithuania, LocalDate.of(2026, 12, 31)))
                .extracting(Article7.DueReport::period).contains("2024").doesNotContain("2025");
    }

    @Test
    void statusesOnADate() {
        var record = Reporting.of("UKR").report("initial", "2006-11-20").report("2006", "2007-06-14")
                .complete("2006", "2007").record();
        List<ReportTable.Row> rows = ReportTable.of("Ukraine", ukraine, record, LocalDate.of(2008, 6, 1));
        assertThat(row(rows, "initial").status()).isEqualTo(ReportStatus.SUBMITTED_ON_TIME);
        assertThat(row(rows, "initial").reportEventId()).isEqualTo("r0");
        assertThat(row(rows, "2006").status()).isEqualTo(ReportStatus.SUBMITTED_LATE);
        assertThat(row(rows, "2006").daysLate()).isEqualTo(45);
        assertThat(row(rows, "2006").receivedOn()).isEqualTo("2007-06-14");
        assertThat(row(rows, "2007").status()).isEqualTo(ReportStatus.MISSING);
        assertThat(row(rows, "2007").daysLate()).isEqualTo(32);
        assertThat(row(rows, "2008").status()).isEqualTo(ReportStatus.NOT_YET_DUE);
        assertThat(row(rows, "2007").dueBasisEventId()).as("the deposit the obligation follows from").isEqualTo("e1");

        // as of a date before the late report arrived, it was missing
        assertThat(row(ReportTable.of("Ukraine", ukraine, record, LocalDate.of(2007, 6, 1)), "2006").status())
                .isEqualTo(ReportStatus.MISSING);
    }

    @Test
    void aReportAbsentFromARecordNotDeclaredCompleteIsNotOnRecordNotMissing() {
        var record = Reporting.of("UKR").report("initial", "2006-11-20");
        LocalDate asOf = LocalDate.of(2008, 6, 1);
        assertThat(row(ReportTable.of("Ukraine", ukraine, record.record(), asOf), "2007").status())
                .isEqualTo(ReportStatus.NOT_ON_RECORD);
        // a monitor's statement is shown as what it is, from its date on
        record.add(new MissingReportListed("UKR", "2007", "2008-05", "not_submitted", "LM 2008"));
        assertThat(row(ReportTable.of("Ukraine", ukraine, record.record(), LocalDate.of(2008, 5, 15)), "2007")
                .status()).as("the statement dated May 2008 is certain from 31 May")
                .isEqualTo(ReportStatus.NOT_ON_RECORD);
        ReportTable.Row listed = row(ReportTable.of("Ukraine", ukraine, record.record(), asOf), "2007");
        assertThat(listed.status()).isEqualTo(ReportStatus.LISTED_AS_MISSING);
        assertThat(listed.listedMissing()).singleElement().asString().contains("as of 2008-05");
        assertThat(listed.daysLate()).isNull();
        // declared complete: now it is missing, and was on any date after it fell due
        record.complete("2007");
        assertThat(row(ReportTable.of("Ukraine", ukraine, record.record(), LocalDate.of(2007, 6, 1)), "2007")
                .status()).isEqualTo(ReportStatus.NOT_YET_DUE);
        assertThat(row(ReportTable.of("Ukraine", ukraine, record.record(), asOf), "2007"))
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(ReportStatus.MISSING);
                    assertThat(r.recordComplete()).isTrue();
                    assertThat(r.daysLate()).isEqualTo(32);
                });
    }

    @Test
    void aReceiptWithoutContentOrDayIsOnTimeOnlyWhenItsWholePeriodIs() {
        var record = Reporting.of("UKR")
                .add(new ReportReceived("UKR", "initial", "2006-11", null, "LM"))
                .add(new ReportReceived("UKR", "2006", "2007-04", null, "LM"))
                .add(new ReportReceived("UKR", "2007", "2008", null, "LM"))
                .add(new ReportReceived("UKR", "2008", "2009-05", null, "LM"))
                .add(new ReportReceived("UKR", "second", "2009-06-01", "submitted", "LM")).record();
        List<ReportTable.Row> rows = ReportTable.of("Ukraine", ukraine, record, LocalDate.of(2010, 1, 1));
        assertThat(row(rows, "initial").status()).as("November 2006 spans the due date 28 November")
                .isEqualTo(ReportStatus.SUBMITTED_TIMELINESS_UNKNOWN);
        assertThat(row(rows, "2006").status()).isEqualTo(ReportStatus.SUBMITTED_ON_TIME);
        assertThat(row(rows, "2006").contentOnRecord()).isFalse();
        assertThat(row(rows, "2007").status()).isEqualTo(ReportStatus.SUBMITTED_TIMELINESS_UNKNOWN);
        assertThat(row(rows, "2008").status()).isEqualTo(ReportStatus.SUBMITTED_LATE);
        assertThat(row(rows, "2008").daysLate()).as("no day: no count of days").isNull();
        assertThat(row(rows, "second").status()).isEqualTo(ReportStatus.RECEIVED_UNMATCHED);
        // a receipt dated to the year counts only from its last day
        assertThat(row(ReportTable.of("Ukraine", ukraine, record, LocalDate.of(2008, 6, 1)), "2007").status())
                .isEqualTo(ReportStatus.NOT_ON_RECORD);
    }

    @Test
    void aReportFromAStateNotPartyIsVoluntary() {
        StateHistory notParty = Facts.of("USA").history();
        var record = Reporting.of("USA").add(new ReportSubmitted("USA", "2024", LocalDate.of(2025, 3, 1), true,
                Reporting.silent(), null, null)).record();
        assertThat(ReportTable.of("United States", notParty, record, LocalDate.of(2025, 6, 1)))
                .singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo(ReportStatus.VOLUNTARY);
                    assertThat(r.dueDate()).isNull();
                });
    }
}
