package org.treatyregistry.reporting.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.treatyregistry.contract.participation.InstrumentType.RATIFICATION;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.LandReleaseFigureStated;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.contract.reports.MissingReportListed;
import org.treatyregistry.contract.reports.ReportAmended;
import org.treatyregistry.contract.reports.ReportContent;
import org.treatyregistry.contract.reports.ReportReceived;
import org.treatyregistry.contract.reports.ReportRecordCompletenessDeclared;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.contract.stockpiles.RetainedMinesStated;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.reporting.record.Reporting;
import org.treatyregistry.reporting.record.ReportingStream;

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
        StateHistory early = Facts.of("ARE")
                .deposited(org.treatyregistry.contract.participation.InstrumentType.ACCESSION, "2025-12-27")
                .history();
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

    private static String rule(StateEvent event) {
        return ReportRules.checkAboutReports(event).or(() -> ReportRules.checkStated(event)).map(RuleViolation::rule)
                .orElse("accepted");
    }

    @Test
    void receiptsStatementsAndStatedFiguresSayWhatTheyAreAbout() {
        assertThat(rule(new ReportReceived("UKR", "second", "2009", null, null))).isEqualTo("accepted");
        assertThat(rule(new ReportReceived("UKR", " ", "2009", null, null))).isEqualTo("period");
        assertThat(rule(new MissingReportListed("UKR", "2021", "2022", "not_submitted", null))).isEqualTo("accepted");
        assertThat(rule(new MissingReportListed("UKR", "2021", "2022", "overdue", null))).isEqualTo("statement");
        assertThat(rule(new ReportRecordCompletenessDeclared("UKR", "2024", LocalDate.of(2025, 12, 1), null)))
                .isEqualTo("accepted");
        assertThat(rule(new ReportRecordCompletenessDeclared("UKR", "second", LocalDate.of(2025, 12, 1), null)))
                .as("completeness is of a period the schedule owes").isEqualTo("period");
        assertThat(rule(new RetainedMinesStated("TUR", "initial", 16_000, 2011, null))).isEqualTo("accepted");
        assertThat(rule(new RetainedMinesStated("TUR", "2012", 15_000, 2011, null))).isEqualTo("stated-before");
        assertThat(rule(new RetainedMinesStated("TUR", "2010", -1, 2011, null))).isEqualTo("negative-quantity");
        assertThat(rule(new LandReleaseFigureStated("KHM", "2014", "land_released_total", new BigDecimal("96.22"),
                "km2", null))).isEqualTo("accepted");
        assertThat(rule(new LandReleaseFigureStated("KHM", "2014", "land_released_total", BigDecimal.ONE, "acres",
                null))).isEqualTo("unit");
    }

    @Test
    void aReportIsReceivedOnceAndItsContentMayFollow() {
        List<StateEvent> received = List.of(new ReportReceived("UKR", "2008", "2009-04-20",
                null, null));
        assertThat(ReportingStream.check(received,
                new ReportReceived("UKR", "2008", "2009-05", null, null))).map(RuleViolation::rule)
                .contains("already-received");
        assertThat(ReportingStream.check(received, report("2008", "2009-06-15",
                false))).as("a submission brings the content").isEmpty();
    }
}
