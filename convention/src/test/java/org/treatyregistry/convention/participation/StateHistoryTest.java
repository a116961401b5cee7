package org.treatyregistry.convention.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.treatyregistry.contract.participation.InstrumentType.ACCESSION;
import static org.treatyregistry.contract.participation.InstrumentType.RATIFICATION;
import static org.treatyregistry.convention.participation.ParticipationStatus.AWAITING_ENTRY_INTO_FORCE;
import static org.treatyregistry.convention.participation.ParticipationStatus.NOT_SIGNED;
import static org.treatyregistry.convention.participation.ParticipationStatus.SIGNATORY;
import static org.treatyregistry.convention.participation.ParticipationStatus.STATE_PARTY;
import static org.treatyregistry.convention.participation.ParticipationStatus.WITHDRAWAL_PENDING;
import static org.treatyregistry.convention.participation.ParticipationStatus.WITHDRAWN;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.corrections.FactRetracted;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.participation.ArmedConflictEnded;
import org.treatyregistry.contract.participation.ArmedConflictEngaged;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.contract.participation.WithdrawalNotified;
import org.treatyregistry.contract.participation.WithdrawalRevoked;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.obligations.Article4;
import org.treatyregistry.convention.obligations.Article5;
import org.treatyregistry.convention.reporting.Article7;

/** Convention Art. 15-20 on real cases from the seeds and the reference data. */
class StateHistoryTest {

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private static String rule(Optional<RuleViolation> violation) {
        return violation.map(RuleViolation::rule).orElse("none");
    }

    @Test
    void ukraineSignsRatifiesAndIsBoundFromTheFirstDayOfTheSixthMonth() {
        StateHistory ukraine = Facts.of("UKR").signed("1999-02-24").deposited(RATIFICATION, "2005-12-27").history();
        assertThat(ukraine.statusOn(d("1999-02-23"))).isEqualTo(NOT_SIGNED);
        assertThat(ukraine.statusOn(d("1999-02-24"))).isEqualTo(SIGNATORY);
        assertThat(ukraine.statusOn(d("2006-05-31"))).isEqualTo(AWAITING_ENTRY_INTO_FORCE);
        assertThat(ukraine.statusOn(d("2006-06-01"))).isEqualTo(STATE_PARTY);
    }

    /** participation.csv: South Sudan, succession deposited 11 November 2011, effective_from 9 July 2011. */
    private static List<Fact> southSudan() {
        InstrumentDeposited succession = new InstrumentDeposited("SSD", "South Sudan", InstrumentType.SUCCESSION,
                "2011-11-11", d("2011-07-09"), EntryIntoForce.of(PartialDate.parse("2011-11-11"), d("2011-07-09")),
                false, null);
        return List.of(new Fact("e0", Instant.parse("2011-11-12T09:00:00Z"), succession));
    }

    @Test
    void southSudansSuccessionBindsFromIndependenceNotFromTheDeposit() {
        StateHistory southSudan = StateHistory.of("SSD", southSudan());
        assertThat(southSudan.statusOn(d("2011-07-08"))).isEqualTo(NOT_SIGNED);
        assertThat(southSudan.statusOn(d("2011-07-09"))).isEqualTo(STATE_PARTY);
        assertThat(southSudan.statusOn(d("2011-07-10"))).isEqualTo(STATE_PARTY);
        assertThat(southSudan.isBoundOn(d("2011-07-10"))).isTrue();
        assertThat(southSudan.depositOn(d("2011-07-10")).orElseThrow().entryIntoForce()).isEqualTo(d("2011-07-09"));
        // recording time: before the deposit was recorded, nothing was known
        StateHistory before = StateHistory.knownAt("SSD", southSudan(), Instant.parse("2011-11-11T00:00:00Z"));
        assertThat(before.statusOn(d("2011-07-10"))).isEqualTo(NOT_SIGNED);
        assertThat(before.facts()).isEmpty();
    }

    @Test
    void theRulesThatReadTheDepositCountFromSouthSudansIndependence() {
        StateHistory southSudan = StateHistory.of("SSD", southSudan());
        // the Convention's site gives South Sudan's original Article 5 deadline as 9 July 2021
        assertThat(Article5.originalDeadline(southSudan.depositOn(d("2011-07-10")).orElseThrow().entryIntoForce()))
                .isEqualTo(d("2021-07-09"));
        assertThat(Article4.on(southSudan, d("2011-07-10")).orElseThrow().deadline()).isEqualTo(d("2015-07-09"));
        // Art. 7.1: the initial report 180 days after entry into force, then the annual ones
        assertThat(Article7.owedBy(southSudan, d("2012-12-31")))
                .extracting(Article7.DueReport::period, Article7.DueReport::dueDate)
                .containsExactly(tuple("initial", d("2012-01-05")), tuple("2011", d("2012-04-30")));
        // a facts dated between independence and the deposit belongs to this participation
        StateHistory affected = southSudan.with(new Fact("e1", Instant.parse("2011-11-12T09:00:00Z"),
                new MinedAreasReported("SSD", "2011-08", null)));
        assertThat(Article5.on(affected, d("2011-09-01")).orElseThrow().originalDeadline()).isEqualTo(d("2021-07-09"));
        // Montenegro's succession of 23 October 2006 carries no date of effect: Art. 17 (Article 5: 1 April 2017)
        StateHistory montenegro = Facts.of("MNE").deposited(InstrumentType.SUCCESSION, "2006-10-23").history();
        assertThat(montenegro.statusOn(d("2007-03-31"))).isEqualTo(AWAITING_ENTRY_INTO_FORCE);
        assertThat(Article5.originalDeadline(montenegro.depositOn(d("2007-04-01")).orElseThrow().entryIntoForce()))
                .isEqualTo(d("2017-04-01"));
    }

    @Test
    void refusesASignatureAfterTheConventionEnteredIntoForce() {
        StateHistory none = Facts.of("USA").history();
        assertThat(rule(none.checkParticipation(new TreatySigned("USA", "USA", d("1999-03-02"), d("1999-03-02"), null),
                "United States"))).isEqualTo("signature-closed");
        assertThat(rule(none.checkParticipation(new TreatySigned("USA", "USA", d("1999-03-01"), d("1999-03-01"), null),
                "United States"))).isEqualTo("none");
    }

    @Test
    void refusesRatificationWithoutASignatureAndAccessionByASignatory() {
        assertThat(rule(Facts.of("FIN").history().checkParticipation(
                Facts.deposit("FIN", RATIFICATION, "2012-01-09"), "Finland"))).isEqualTo("signature-required");
        assertThat(rule(Facts.of("UKR").signed("1999-02-24").history().checkParticipation(
                Facts.deposit("UKR", ACCESSION, "2005-12-27"), "Ukraine"))).isEqualTo("accession-by-signatory");
    }

    @Test
    void aSignatureDatedBeforeTheDepositMayBeRecordedOrCorrectedAfterIt() {
        StateHistory ratified = Facts.of("UKR").deposited(ACCESSION, "2005-12-27").history();
        assertThat(rule(ratified.checkParticipation(
                new TreatySigned("UKR", "UKR", d("1999-02-24"), d("1999-02-24"), null), "Ukraine"))).isEqualTo("none");
        assertThat(rule(ratified.checkParticipation(
                new TreatySigned("UKR", "UKR", null, d("2006-01-01"), null), "Ukraine"))).isEqualTo("already-bound");
    }

    @Test
    void aSignatureOfUnknownDayCountsFromTheDateByWhichItHadHappened() {
        StateHistory algeria = Facts.of("DZA").add(new TreatySigned("DZA", "DZA", null, d("1999-03-01"), null))
                .deposited(RATIFICATION, "2001-10-09").history();
        assertThat(algeria.statusOn(d("1999-02-28"))).isEqualTo(NOT_SIGNED);
        assertThat(algeria.statusOn(d("1999-03-01"))).isEqualTo(SIGNATORY);
    }

    /** Art. 16: one instrument binds; a second is refused, whether dated before the one on record or after it. */
    @ParameterizedTest(name = "{0}: ratified {2}, a second instrument dated {3}")
    @CsvSource({
        "GRC, Greece, 2003-09-25, 2001-01-10, 1997-12-03",
        "UKR, Ukraine, 2005-12-27, 2007-01-10, 1999-02-24"})
    void refusesASecondInstrumentWhileBoundDatedBeforeOrAfterTheOneOnRecord(String iso3, String name, String ratified,
                                                                           String second, String signed) {
        StateHistory history = Facts.of(iso3).signed(signed).deposited(RATIFICATION, ratified).history();
        assertThat(rule(history.checkParticipation(Facts.deposit(iso3, ACCESSION, second), name)))
                .isEqualTo("already-bound");
    }

    @Test
    void refusesASecondNoticeWhileOneIsPendingAndARevocationWithoutOne() {
        StateHistory lithuania = Facts.of("LTU").signed("1997-12-03").deposited(RATIFICATION, "2003-05-12")
                .add(new WithdrawalNotified("LTU", "2025-06-27", "security", null, null)).history();
        assertThat(rule(lithuania.checkParticipation(new WithdrawalNotified("LTU", "2025-07-01", "again", null, null),
                "Lithuania"))).isEqualTo("withdrawal-pending");
        assertThat(rule(lithuania.checkParticipation(new WithdrawalRevoked("LTU", d("2026-01-05"), null), "Lithuania")))
                .as("the withdrawal took effect on 2025-12-27").isEqualTo("no-pending-withdrawal");
    }


    @Test
    void lithuaniasWithdrawalTakesEffectSixMonthsAfterReceipt() {
        StateHistory lithuania = Facts.of("LTU").signed("1997-12-03").deposited(RATIFICATION, "2003-05-12")
                .add(new WithdrawalNotified("LTU", "2025-06-27", "security", null, null)).history();
        assertThat(lithuania.statusOn(d("2025-06-26"))).isEqualTo(STATE_PARTY);
        assertThat(lithuania.statusOn(d("2025-06-27"))).isEqualTo(WITHDRAWAL_PENDING);
        assertThat(lithuania.statusOn(d("2025-12-26"))).isEqualTo(WITHDRAWAL_PENDING);
        assertThat(lithuania.statusOn(d("2025-12-27"))).isEqualTo(WITHDRAWN);
        assertThat(lithuania.isBoundOn(d("2025-12-26"))).isTrue();
    }

    @Test
    void aWithdrawalWhoseReceiptDayIsUnknownTakesEffectOnTheAnnouncedDate() {
        StateHistory poland = Facts.of("POL").signed("1997-12-04").deposited(RATIFICATION, "2012-12")
                .add(new WithdrawalNotified("POL", "2025", "security", d("2026-02-20"), null)).history();
        assertThat(poland.depositOn(d("2013-06-01")).orElseThrow().entryIntoForce()).isEqualTo(d("2013-06-01"));
        assertThat(poland.statusOn(d("2026-02-19"))).isEqualTo(WITHDRAWAL_PENDING);
        assertThat(poland.statusOn(d("2026-02-20"))).isEqualTo(WITHDRAWN);
    }

    @Test
    void anArmedConflictHoldsTheWithdrawalBackUntilItEnds() {
        Facts ukraine = Facts.of("UKR").signed("1999-02-24").deposited(RATIFICATION, "2005-12-27")
                .add(new ArmedConflictEngaged("UKR", "2022-02-24", null))
                .add(new WithdrawalNotified("UKR", "2025-06-30", "armed conflict", null, null));
        assertThat(ukraine.history().statusOn(d("2030-01-01"))).isEqualTo(WITHDRAWAL_PENDING);
        assertThat(ukraine.history().effectOf(ukraine.history().withdrawalOn(d("2026-01-01")).orElseThrow()).reason())
                .contains("Art. 20.3");
        StateHistory ended = ukraine.add(new ArmedConflictEnded("UKR", d("2027-03-01"), null)).history();
        assertThat(ended.statusOn(d("2027-02-28"))).isEqualTo(WITHDRAWAL_PENDING);
        assertThat(ended.statusOn(d("2027-03-01"))).isEqualTo(WITHDRAWN);
    }

    @Test
    void aRevokedWithdrawalLeavesTheStateAParty() {
        StateHistory revoked = Facts.of("FIN").deposited(ACCESSION, "2012-01-09")
                .add(new WithdrawalNotified("FIN", "2025-07-10", "security", null, null))
                .add(new WithdrawalRevoked("FIN", d("2025-09-01"), null)).history();
        assertThat(revoked.statusOn(d("2025-08-01"))).isEqualTo(WITHDRAWAL_PENDING);
        assertThat(revoked.statusOn(d("2026-02-01"))).isEqualTo(STATE_PARTY);
    }

    @Test
    void refusesAWithdrawalByAStateThatIsNotBound() {
        assertThat(rule(Facts.of("USA").history().checkParticipation(
                new WithdrawalNotified("USA", "2025-01-01", "none", null, null), "United States")))
                .isEqualTo("not-bound");
    }

    @Test
    void aStateThatWithdrewMayAccedeAgain() {
        StateHistory again = Facts.of("LTU").signed("1997-12-03").deposited(RATIFICATION, "2003-05-12")
                .add(new WithdrawalNotified("LTU", "2025-06-27", "security", null, null)).history();
        assertThat(rule(again.checkParticipation(Facts.deposit("LTU", ACCESSION, "2026-03-02"), "Lithuania")))
                .isEqualTo("none");
        assertThat(rule(again.checkParticipation(Facts.deposit("LTU", RATIFICATION, "2026-03-02"), "Lithuania")))
                .isEqualTo("signature-spent");
        StateHistory rejoined = Facts.of("LTU").signed("1997-12-03").deposited(RATIFICATION, "2003-05-12")
                .add(new WithdrawalNotified("LTU", "2025-06-27", "security", null, null))
                .deposited(ACCESSION, "2026-03-02").history();
        assertThat(rejoined.statusOn(d("2026-03-02"))).isEqualTo(AWAITING_ENTRY_INTO_FORCE);
        assertThat(rejoined.statusOn(d("2026-09-01"))).isEqualTo(STATE_PARTY);
    }

    @Test
    void aRetractedFactNoLongerCounts() {
        Facts ukraine = Facts.of("UKR").signed("1999-02-24").deposited(RATIFICATION, "2005-12-27");
        StateHistory corrected = ukraine.add(new FactRetracted("UKR", "e1", "wrong date", d("2025-07-01")))
                .deposited(RATIFICATION, "2005-11-27").history();
        assertThat(corrected.depositOn(d("2007-01-01")).orElseThrow().entryIntoForce()).isEqualTo(d("2006-05-01"));
        assertThat(corrected.deposits()).hasSize(1);
    }
}
