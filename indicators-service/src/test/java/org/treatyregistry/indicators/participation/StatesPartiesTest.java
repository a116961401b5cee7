package org.treatyregistry.indicators.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatesPartiesTest {

    private static final List<StatesParties.Participant> PARTICIPANTS = List.of(
            new StatesParties.Participant("CAN", LocalDate.of(1999, 3, 1)),
            new StatesParties.Participant("UKR", LocalDate.of(2006, 6, 1)),
            new StatesParties.Participant("MHL", LocalDate.of(2025, 9, 1)));

    @Test
    void aStateCountsFromTheDayTheConventionEntersIntoForceForIt() {
        assertThat(StatesParties.on(LocalDate.of(2006, 5, 31), PARTICIPANTS)).containsExactly("CAN");
        assertThat(StatesParties.on(LocalDate.of(2006, 6, 1), PARTICIPANTS)).containsExactly("CAN", "UKR");
        assertThat(StatesParties.on(LocalDate.of(2025, 9, 1), PARTICIPANTS)).containsExactly("CAN", "MHL", "UKR");
    }
}
