package org.treatyregistry.indicators.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.treatyregistry.contract.participation.InstrumentType.ACCESSION;
import static org.treatyregistry.contract.participation.InstrumentType.RATIFICATION;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.ArmedConflictEngaged;
import org.treatyregistry.contract.participation.WithdrawalNotified;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.participation.StateHistory;

class StatesPartiesTest {

    private static final List<StateHistory> WORLD = List.of(
            Facts.of("CAN").signed("1997-12-03").deposited(RATIFICATION, "1997-12-03").history(),
            Facts.of("MHL").signed("1997-12-04").deposited(RATIFICATION, "2025-03-12").history(),
            Facts.of("LTU").signed("1997-12-03").deposited(RATIFICATION, "2003-05-12")
                    .add(new WithdrawalNotified("LTU", "2025-06-27", "security", null, null)).history(),
            Facts.of("UKR").signed("1999-02-24").deposited(RATIFICATION, "2005-12-27")
                    .add(new ArmedConflictEngaged("UKR", "2025", null))
                    .add(new WithdrawalNotified("UKR", "2025", "armed conflict", null, null)).history(),
            Facts.of("FIN").deposited(ACCESSION, "2012-01-09").history());

    @Test
    void aStateCountsFromEntryIntoForceUntilItsWithdrawalTakesEffect() {
        assertThat(StatesParties.on(LocalDate.of(2025, 8, 31), WORLD)).containsExactly("CAN", "FIN", "LTU", "UKR");
        assertThat(StatesParties.on(LocalDate.of(2025, 9, 1), WORLD))
                .containsExactly("CAN", "FIN", "LTU", "MHL", "UKR");
        // Lithuania's withdrawal took effect on 27 December 2025; Ukraine's is held back by Art. 20.3
        assertThat(StatesParties.on(LocalDate.of(2026, 3, 1), WORLD)).containsExactly("CAN", "FIN", "MHL", "UKR");
    }
}
