package org.treatyregistry.registry.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.corrections.FactRetracted;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.registry.participation.RuleViolation;

class FactConversionTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private static PostedFact deposit(String date, String corrects) {
        return new PostedFact(UUID.randomUUID(), "InstrumentDeposited", "POL", null, corrects,
                corrects == null ? null : "notification reread", null, null, InstrumentType.RATIFICATION, date, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static String rule(PostedFact fact) {
        try {
            FactConversion.toEvents(fact, "Poland", TODAY);
            return "none";
        } catch (RuleViolation violation) {
            return violation.rule();
        }
    }

    @Test
    void keepsADepositKnownOnlyToTheMonthAndComputesItsEntryIntoForce() {
        InstrumentDeposited poland = (InstrumentDeposited) FactConversion.toEvents(deposit("2012-12", null), "Poland",
                TODAY).get(0);
        assertThat(poland.depositDate()).isEqualTo("2012-12");
        assertThat(poland.entryIntoForce()).isEqualTo(LocalDate.of(2013, 6, 1));
    }

    @Test
    void refusesDatesInTheFutureBeyondADayBeforeTheConventionOrKnownOnlyToTheYear() {
        assertThat(rule(deposit("2026-11-23", null))).isEqualTo("none");
        assertThat(rule(deposit("2026-11-24", null))).isEqualTo("date-in-future");
        assertThat(rule(deposit("1997-12-02", null))).isEqualTo("date-before-convention");
        assertThat(rule(deposit("2012", null))).isEqualTo("deposit-month-unknown");
        assertThat(rule(deposit("12/2012", null))).isEqualTo("bad-date");
    }

    @Test
    void refusesAFactWithoutTheFieldsOfItsType() {
        PostedFact noType = new PostedFact(UUID.randomUUID(), "InstrumentDeposited", "POL", null, null, null, null,
                null, null, "2012-12-01", null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        assertThatThrownBy(() -> FactConversion.toEvents(noType, "Poland", TODAY))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("instrumentType");
        PostedFact unknown = new PostedFact(UUID.randomUUID(), "TreatyAmended", "POL", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
        assertThat(rule(unknown)).isEqualTo("unknown-type");
    }

    @Test
    void aCorrectionRetractsTheFactItCorrectsBeforeRecordingTheRightOne() {
        assertThat(FactConversion.toEvents(deposit("2012-12-07", "evt-1"), "Poland", TODAY))
                .hasSize(2)
                .first().isInstanceOfSatisfying(FactRetracted.class,
                        r -> assertThat(r.retractedEventId()).isEqualTo("evt-1"));
    }
}
