package org.treatyregistry.reporting.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.treatyregistry.contract.participation.InstrumentType.RATIFICATION;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.contract.reports.ReportAmended;
import org.treatyregistry.contract.reports.ReportContent;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.participation.RuleViolation;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.reporting.record.Reporting;

class ReportRulesTest {

    private final StateHistory ukraine = Facts.of("UKR").signed("1999-02-24")
            .deposited(InstrumentType.RATIFICATION, "2005-12-27").history();

    private static ReportSubmitted report(String period, String received, boolean voluntary) {
        return new ReportSubmitted("UKR", period, LocalDate.parse(received), voluntary, Reporting.silent(), Map.of(),
                null);
    }

    private String rule(ReportSubmitted report, StateHistory history) {
        return ReportRules.check(report, history, "Ukraine").map(RuleViolation::rule).orElse("accepted");
    }

    @Test
    void aReportIsForTheInitialPeriodOrAFinishedYear() {
        assertThat(rule(report("2006", "2007-04-20", false), ukraine)).isEqualTo("accepted");
        assertThat(rule(report("initial", "2006-11-20", false), ukraine)).isEqualTo("accepted");
        assertThat(rule(report("FY2006", "2007-04-20", false), ukraine)).isEqualTo("period");
        assertThat(rule(report("2007", "2007-04-20", false), ukraine)).isEqualTo("period-not-over");
    }

    @Test
    void aPeriodBeforeEntryIntoForceIsRefusedUnlessVoluntary() {
        assertThat(rule(report("2004", "2005-04-20", false), ukraine)).isEqualTo("before-entry-into-force");
        assertThat(rule(report("2004", "2005-04-20", true), ukraine)).isEqualTo("accepted");
        // a State Party's report is owed, not voluntary
        assertThat(rule(report("2008", "2009-04-20", true), ukraine)).isEqualTo("not-voluntary");
    }

    @Test
    void onlyReportsTheScheduleOwesAreObligatory() {
        // Lithuania's withdrawal took effect on 27 December 2025: its report for 2024 is owed (even late), none after
        StateHistory lithuania = Facts.of("LTU").signed("1999-02-26").deposited(RATIFICATION, "2003-05-12")
                .add(new org.treatyregistry.contract.participation.WithdrawalNotified("LTU", "2025-06-27", "security",
                        null, null)).history();
        assertThat(ReportRules.check(new ReportSubmitted("LTU", "2024", LocalDate.of(2026, 1, 15), false,
                Reporting.silent(), null, null), lithuania, "Lithuania")).isEmpty();
        assertThat(ReportRules.check(new ReportSubmitted("LTU", "2025", LocalDate.of(2026, 3, 1), false,
                Reporting.silent(), null, null), lithuania, "Lithuania")).map(RuleViolation::rule).contains("not-owed");
        // an initial report may arrive between the deposit and entry into force
        StateHistory early = Facts.of("ARE").deposited(org.treatyregistry.contract.participation.InstrumentType.ACCESSION,
                "2025-12-27").history();
        assertThat(ReportRules.check(new ReportSubmitted("ARE", "initial", LocalDate.of(2026, 1, 10), false,
                Reporting.silent(), null, null), early, "United Arab Emirates")).isEmpty();
    }

    @Test
    void negativeQuantitiesAndMalformedAnswersAreRefused() {
        ReportContent negative = new ReportContent(null, null,
                List.of(new ReportContent.StockpileLine("PFM-1", -5, null)), null, null, null, null, null, null, null);
        assertThat(ReportRules.check(new ReportSubmitted("UKR", "2008", LocalDate.of(2009, 4, 1), false, negative,
                null, null), ukraine, "Ukraine")).map(RuleViolation::rule).contains("negative-quantity");
        assertThat(ReportRules.check(new ReportSubmitted("UKR", "2008", LocalDate.of(2009, 4, 1), false,
                Reporting.silent(), Map.of("13.1", "maybe"), null), ukraine, "Ukraine"))
                .map(RuleViolation::rule).contains("answer");
        assertThat(ReportRules.check(new ReportSubmitted("UKR", "2008", LocalDate.of(2009, 4, 1), false, null,
                null, null), ukraine, "Ukraine")).map(RuleViolation::rule).contains("no-content");
    }

    @Test
    void anAmendmentFollowsTheReportItAmends() {
        var stream = Reporting.of("UKR").report("2008", "2009-04-20").events();
        assertThat(ReportRules.check(new ReportAmended("UKR", "2008", LocalDate.of(2009, 4, 1), Reporting.silent(),
                null, null), stream)).map(RuleViolation::rule).contains("amended-before-submitted");
        assertThat(ReportRules.check(new ReportAmended("UKR", "2008", LocalDate.of(2009, 6, 1), Reporting.silent(),
                null, null), stream)).isEmpty();
    }
}
