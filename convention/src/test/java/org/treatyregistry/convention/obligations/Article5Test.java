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
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.participation.Facts;
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
                .add(new ExtensionDecided("BIH", "BIH-1", "9MSP", "2008-11-28", true, d("2019-03-01"),
                        inForceFrom("2008-11-28", "9MSP"), null, null))
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
                .add(new ExtensionDecided("BIH", null, "9MSP", null, true, null, d("2008-11-28"), null, null))
                .history();
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
        assertThat(rule(bosnia().history(),
                new ExtensionRequested("BIH", "BIH-1", "2008-03", d("2019-03-02"), null, null)))
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
        assertThat(rule(bosnia().history(), new ExtensionDecided("BIH", "BIH-9", "9MSP", "2008-11", true,
                d("2019-03-01"), inForceFrom("2008-11", "9MSP"), null, null))).isEqualTo("unknown-request");
        StateHistory requested = bosnia()
                .add(new ExtensionRequested("BIH", "BIH-1", "2008-03-31", d("2019-03-01"), null, null)).history();
        assertThat(rule(requested, new ExtensionDecided("BIH", "BIH-1", "8MSP", "2007-11-22", true,
                d("2019-03-01"), inForceFrom("2007-11-22", "8MSP"), null, null))).isEqualTo("decision-before-request");
    }

    @Test
    void newContaminationInAStateWithNoObligationCreatesOneWithNoDeadlineUntilDecided() {
        // article5.csv: Burkina Faso had declared no mined areas; new contamination (improvised mines) found in 2023
        Facts burkinaFaso = Facts.of("BFA").signed("1997-12-03").deposited(RATIFICATION, "1998-09-16");
        PreviouslyUnknownMinedAreaFound found = new PreviouslyUnknownMinedAreaFound("BFA", "2023", null, "LM");
        assertThat(rule(burkinaFaso.history(), found)).isEqualTo("none");
        StateHistory history = burkinaFaso.add(found).history();
        Article5.Status status = Article5.on(history, d("2024-06-01")).orElseThrow();
        assertThat(status.originalDeadline()).isEqualTo(d("2009-03-01"));
        assertThat(status.state()).isEqualTo(Article5.State.NEWLY_AFFECTED);
        assertThat(status.deadline()).as("the original deadline had passed: none until decided").isNull();
        assertThat(status.overdue()).isFalse();
        assertThat(status.flags()).singleElement().asString().contains("no deadline in force");
        assertThat(status.areasFound()).singleElement().satisfies(a -> {
            assertThat(a.foundOn()).isEqualTo("2023");
            assertThat(a.effect()).isEqualTo(Article5.FindEffect.NEW_OBLIGATION);
        });
        assertThat(status.affectedSince()).isEqualTo("2023");
        assertThat(status.evidence()).isEqualTo("LM");
        assertThat(Article5.on(history, d("2023-06-01")))
                .as("no obligation before the find, which counts from the last day of its year").isEmpty();
        // the States Parties decide a deadline: the State is clearing against it
        StateHistory decided = burkinaFaso.add(new ExtensionDecided("BFA", null, "22MSP", "2025-12", true,
                d("2030-12-31"), d("2025-12-05"), null, null)).history();
        Article5.Status clearing = Article5.on(decided, d("2026-01-01")).orElseThrow();
        assertThat(clearing.state()).isEqualTo(Article5.State.CLEARING);
        assertThat(clearing.deadline()).isEqualTo(d("2030-12-31"));
        assertThat(clearing.flags()).isEmpty();
    }

    @Test
    void newContaminationWhileTheOriginalDeadlineRunsIsCoveredByIt() {
        // Cameroon's original deadline (1 March 2013) had passed when it found mined areas in 2017; a State bound
        // later would still be within its ten years
        StateHistory cameroon = Facts.of("CMR").signed("1997-12-03").deposited(RATIFICATION, "2002-09-19")
                .add(new PreviouslyUnknownMinedAreaFound("CMR", "2017", null, null)).history();
        assertThat(Article5.on(cameroon, d("2018-01-01")).orElseThrow().deadline()).isNull();
        StateHistory early = Facts.of("CMR").signed("1997-12-03").deposited(RATIFICATION, "2002-09-19")
                .add(new PreviouslyUnknownMinedAreaFound("CMR", "2010", null, null)).history();
        Article5.Status covered = Article5.on(early, d("2011-01-01")).orElseThrow();
        assertThat(covered.deadline()).isEqualTo(d("2013-03-01"));
        assertThat(covered.areasFound().get(0).deadlineThen()).isEqualTo(d("2013-03-01"));
        assertThat(Article5.on(early, d("2013-03-02")).orElseThrow().overdue()).isTrue();
    }

    @Test
    void aMinedAreaFoundBeforeCompletionAddsToTheObligationAndKeepsItsDeadline() {
        // Serbia found new areas in 2019 while its deadline of 1 March 2023 (granted 2018) was running
        StateHistory serbia = Facts.of("SRB").deposited(InstrumentType.ACCESSION, "2003-09-18")
                .add(new MinedAreasReported("SRB", "2013-03-27", null))
                .add(new ExtensionRequested("SRB", "SRB-R1", "2013-03-27", d("2019-03-01"), null, null))
                .add(new ExtensionDecided("SRB", "SRB-R1", "13MSP", null, true, d("2019-03-01"), d("2013-12-05"),
                        null, null))
                .add(new ExtensionRequested("SRB", "SRB-R2", "2018-03-31", d("2023-03-01"), null, null))
                .add(new ExtensionDecided("SRB", "SRB-R2", null, "2018", true, d("2023-03-01"), d("2018-12-31"),
                        null, null))
                .add(new PreviouslyUnknownMinedAreaFound("SRB", "2019", null, null)).history();
        assertThat(rule(Facts.of("SRB").deposited(InstrumentType.ACCESSION, "2003-09-18")
                .add(new MinedAreasReported("SRB", "2013-03-27", null)).history(),
                new PreviouslyUnknownMinedAreaFound("SRB", "2019", null, null))).isEqualTo("none");
        Article5.Status status = Article5.on(serbia, d("2020-01-01")).orElseThrow();
        assertThat(status.state()).isEqualTo(Article5.State.CLEARING);
        assertThat(status.deadline()).isEqualTo(d("2023-03-01"));
        assertThat(status.reopenedOn()).isNull();
        assertThat(status.areasFound()).singleElement().satisfies(a -> {
            assertThat(a.effect()).isEqualTo(Article5.FindEffect.ADDED_TO_OBLIGATION);
            assertThat(a.deadlineThen()).isEqualTo(d("2023-03-01"));
        });
        assertThat(Article5.on(serbia, d("2023-03-02")).orElseThrow().overdue()).isTrue();
    }

    @Test
    void refusesAMinedAreaFoundInAStateNotBound() {
        assertThat(rule(Facts.of("USA").history(), new PreviouslyUnknownMinedAreaFound("USA", "2020", null, null)))
                .isEqualTo("not-bound");
    }

    @Test
    void aMinedAreaFoundAfterCompletionReopensUntilANewDeadlineIsDecided() {
        Facts mauritania = Facts.of("MRT").signed("1997-12-03").deposited(RATIFICATION, "2000-07-21")
                .add(new MinedAreasReported("MRT", "2001", null));
        mauritania.add(new ClearanceCompleted("MRT", "2018-11", null, PartialDate.parse("2018-11").certainBy(),
                        null, null))
                .add(new PreviouslyUnknownMinedAreaFound("MRT", "2021-02", null, null));
        Article5.Status reopened = Article5.on(mauritania.history(), d("2021-06-01")).orElseThrow();
        assertThat(reopened.state()).isEqualTo(Article5.State.REOPENED);
        assertThat(reopened.deadline()).isNull();
        assertThat(reopened.areasFound()).singleElement()
                .satisfies(a -> assertThat(a.effect()).isEqualTo(Article5.FindEffect.REOPENED));
        StateHistory decided = mauritania
                .add(new ExtensionRequested("MRT", "MRT-2", "2021-03", d("2026-12-31"), null, null))
                .add(new ExtensionDecided("MRT", "MRT-2", "19MSP", "2021-11", true, d("2026-12-31"),
                        inForceFrom("2021-11", "19MSP"), null, null))
                .history();
        Article5.Status clearing = Article5.on(decided, d("2022-01-01")).orElseThrow();
        assertThat(clearing.state()).isEqualTo(Article5.State.CLEARING);
        assertThat(clearing.deadline()).isEqualTo(d("2026-12-31"));
    }
}
