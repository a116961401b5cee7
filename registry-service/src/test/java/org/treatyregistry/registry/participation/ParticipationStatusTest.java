package org.treatyregistry.registry.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ParticipationStatusTest {

    private static final LocalDate DEPOSIT = LocalDate.of(2005, 12, 27);
    private static final LocalDate IN_FORCE = LocalDate.of(2006, 6, 1);

    @Test
    void aDepositedStateAwaitsEntryIntoForceUntilTheDayBefore() {
        assertThat(ParticipationStatus.on(LocalDate.of(2005, 12, 26), DEPOSIT, IN_FORCE))
                .isEqualTo(ParticipationStatus.NOT_SIGNED);
        assertThat(ParticipationStatus.on(DEPOSIT, DEPOSIT, IN_FORCE))
                .isEqualTo(ParticipationStatus.AWAITING_ENTRY_INTO_FORCE);
        assertThat(ParticipationStatus.on(LocalDate.of(2006, 5, 31), DEPOSIT, IN_FORCE))
                .isEqualTo(ParticipationStatus.AWAITING_ENTRY_INTO_FORCE);
        assertThat(ParticipationStatus.on(IN_FORCE, DEPOSIT, IN_FORCE)).isEqualTo(ParticipationStatus.STATE_PARTY);
    }

    @Test
    void aStateWithNoInstrumentOnRecordIsNotBound() {
        assertThat(ParticipationStatus.on(LocalDate.of(2026, 1, 1), null, null))
                .isEqualTo(ParticipationStatus.NOT_SIGNED);
    }
}
