package org.treatyregistry.convention.obligations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.treatyregistry.contract.participation.InstrumentType.RATIFICATION;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.obligations.ClearanceCompleted;
import org.treatyregistry.contract.obligations.ExtensionDecided;
import org.treatyregistry.contract.obligations.ExtensionRequested;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.obligations.PreviouslyUnknownMinedAreaFound;
import org.treatyregistry.contract.obligations.StockpileDestructionCompleted;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.participation.RuleViolation;
import org.treatyregistry.convention.participation.StateHistory;

/** Convention Art. 4 and 5 on real cases (seeds: Ukraine, Belarus, Greece, Turkey; Bosnia and Herzegovina). */
class Article5Test {

    private static LocalDate inForceFrom(String date, String meeting) {
        return PartialDate.parse(date).certainBy();
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private static String rule(StateHistory history, StateEvent next) {
        return Article5.check(history, next, history.iso3()).map(RuleViolation::rule).orElse("none");
    }

    private static Facts bosnia() {
        return Facts.of("BIH").signed("1997-12-03").deposited(RATIFICATION, "1998-09-08")
                .add(new MinedAreasReported("BIH", "1999", null));
    }

    @Test
    void article4DeadlinesFourYearsAfterEntryIntoForce() {
        assertThat(Article4.deadline(d("2006-06-01"))).isEqualTo(d("2010-06-01")); // Ukraine
        assertThat(Article4.deadline(d("2004-03-01"))).isEqualTo(d("2008-03-01")); // Belarus, Greece, Turkey
        StateHistory greece = Facts.of("GRC").signed("1997-12-03").deposited(RATIFICATION, "2003-09-25")
                .add(new StockpileDestructionCompleted("GRC", "2015-05", null)).history();
        Article4.Status status = Article4.on(greece, d("2016-01-01")).orElseThrow();
        assertThat(status.deadline()).isEqualTo(d("2008-03-01"));
        assertThat(status.state()).isEqualTo(Article4.State.COMPLETED_AFTER_DEADLINE);
        assertThat(status.missed()).isTrue();
        StateHistory ukraine = Facts.of("UKR").signed("1999-02-24").deposited(RATIFICATION, "2005-12-27").history();
        assertThat(Article4.on(ukraine, d("2010-06-02")).orElseThrow().state())
                .isEqualTo(Article4.State.NO_COMPLETION_RECORDED);
        assertThat(Article4.on(ukraine, d("2010-06-02")).orElseThrow().missed())
                .as("no stockpile facts in the registry: not a finding of non-compliance").isFalse();
    }

    @Test
    void anExtendedDeadlineIsInForceFromItsDecision() {
        StateHistory history = bosnia()
                .add(new ExtensionRequested("BIH", "BIH-1", "2008-03", d("2019-03-01"), null, null))
                .add(new ExtensionDecided("BIH", "BIH-1", "9MSP", "2008-11-28", true, d("2019-03-01"), inForceFrom("2008-11-28", "9MSP"), null, null))
                .history();
        assertThat(Article5.on(history, d("2008-11-27")).orElseThrow().deadline()).isEqualTo(d("2009-03-01"));
        Article5.Status extended = Article5.on(history, d("2008-11-28")).orElseThrow();
        assertThat(extended.deadline()).isEqualTo(d("2019-03-01"));
        assertThat(extended.extensions()).isEqualTo(1);
        assertThat(extended.decidingMeetings()).containsExactly("9MSP");
        assertThat(Article5.on(history, d("2019-03-02")).orElseThrow().overdue()).isTrue();
    }

    @Test
    void aMinedAreaFoundWhileADeadlineRunsKeepsThatDeadline() {
        StateHistory history = Facts.of("MRT").signed("1997-12-03").deposited(RATIFICATION, "2000-07-21")
                .add(new MinedAreasReported("MRT", "2001", null))
                .add(new ExtensionRequested("MRT", "MRT-1", "2015-04-02", d("2021-01-01"), null, null))
                .add(new ExtensionDecided("MRT", "MRT-1", "14MSP", "2015-12-04", true, d("2021-01-01"),
                        d("2015-12-04"), null, null))
                .add(new ClearanceCompleted("MRT", "2018-11-29", null, d("2018-11-29"), null, null))
                .add(new PreviouslyUnknownMinedAreaFound("MRT", "2020-06-23", null, null)).history();
        Article5.Status reopened = Article5.on(history, d("2020-07-01")).orElseThrow();
        assertThat(reopened.state()).isEqualTo(Article5.State.REOPENED);
        assertThat(reopened.deadline()).isEqualTo(d("2021-01-01"));
        assertThat(Article5.on(history, d("2021-01-02")).orElseThrow().overdue()).isTrue();
    }

    @Test
    void aGrantWhoseNewDeadlineIsUnknownStandsAndLeavesTheDeadlineUnknown() {
        StateHistory history = bosnia()
                .add(new ExtensionDecided("BIH", null, "9MSP", null, true, null, d("2008-11-28"), null, null)).history();
        assertThat(rule(bosnia().history(), new ExtensionDecided("BIH", null, "9MSP", null, true, null,
                d("2008-11-28"), null, null))).isEqualTo("none");
        Article5.Status status = Article5.on(history, d("2010-01-01")).orElseThrow();
        assertThat(status.deadline()).isNull();
        assertThat(status.overdue()).isFalse();
        assertThat(status.decisions().get(0).requestOnRecord()).isFalse();
    }

    @Test
    void anUndatedGrantExtendsTheDeadlineBeforeItWhateverThePostingOrder() {
        StateHistory cambodia = Facts.of("KHM").signed("1997-12-03").deposited(RATIFICATION, "1999-07-28")
                .add(new MinedAreasReported("KHM", "2000", null))
                .add(new ExtensionDecided("KHM", null, "RC4", "2019-11", true, d("2025-12-31"), d("2019-11-29"),
                        null, null)).history();
        assertThat(Article5.deadlineExtendedBy(cambodia, d("2020-01-01"))).contains(d("2010-01-01"));
        assertThat(Article5.deadlineExtendedBy(cambodia, d("2030-12-31"))).contains(d("2025-12-31"));
    }

    @Test
    void refusesAnExtensionOfMoreThanTenYears() {
        assertThat(rule(bosnia().history(), new ExtensionRequested("BIH", "BIH-1", "2008-03", d("2019-03-02"), null, null)))
                .isEqualTo("extension-too-long");
    }

    @Test
    void refusesAnExtensionForAStateWithNoArticle5Obligation() {
        StateHistory canada = Facts.of("CAN").signed("1997-12-03").deposited(RATIFICATION, "1997-12-03").history();
        assertThat(rule(canada, new ExtensionRequested("CAN", "CAN-1", "2008-03", d("2012-03-01"), null, null)))
                .isEqualTo("no-article5-obligation");
    }

    @Test
    void refusesADecisionOnARequestNotOnRecordOrDatedBeforeIt() {
        assertThat(rule(bosnia().history(), new ExtensionDecided("BIH", "BIH-9", "9MSP", "2008-11", true, d("2019-03-01"), inForceFrom("2008-11", "9MSP"), null, null))).isEqualTo("unknown-request");
        StateHistory requested = bosnia()
                .add(new ExtensionRequested("BIH", "BIH-1", "2008-03-31", d("2019-03-01"), null, null)).history();
        assertThat(rule(requested, new ExtensionDecided("BIH", "BIH-1", "8MSP", "2007-11-22", true, d("2019-03-01"), inForceFrom("2007-11-22", "8MSP"), null, null))).isEqualTo("decision-before-request");
    }

    @Test
    void aMinedAreaFoundAfterCompletionReopensUntilANewDeadlineIsDecided() {
        Facts mauritania = Facts.of("MRT").signed("1997-12-03").deposited(RATIFICATION, "2000-07-21")
                .add(new MinedAreasReported("MRT", "2001", null));
        assertThat(rule(mauritania.history(), new PreviouslyUnknownMinedAreaFound("MRT", "2020", null, null)))
                .isEqualTo("no-prior-completion");
        mauritania.add(new ClearanceCompleted("MRT", "2018-11", null, PartialDate.parse("2018-11").certainBy(), null, null))
                .add(new PreviouslyUnknownMinedAreaFound("MRT", "2021-02", null, null));
        Article5.Status reopened = Article5.on(mauritania.history(), d("2021-06-01")).orElseThrow();
        assertThat(reopened.state()).isEqualTo(Article5.State.REOPENED);
        assertThat(reopened.deadline()).isNull();
        StateHistory decided = mauritania
                .add(new ExtensionRequested("MRT", "MRT-2", "2021-03", d("2026-12-31"), null, null))
                .add(new ExtensionDecided("MRT", "MRT-2", "19MSP", "2021-11", true, d("2026-12-31"), inForceFrom("2021-11", "19MSP"), null, null)).history();
        Article5.Status clearing = Article5.on(decided, d("2022-01-01")).orElseThrow();
        assertThat(clearing.state()).isEqualTo(Article5.State.CLEARING);
        assertThat(clearing.deadline()).isEqualTo(d("2026-12-31"));
    }
}
