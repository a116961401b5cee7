package org.treatyregistry.registry.participation;

import static org.hamcrest.Matchers.containsString;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;

class StateParticipationTest {

    private AggregateTestFixture<StateParticipation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StateParticipation.class);
    }

    @Test
    void recordsADepositWithItsEntryIntoForce() {
        fixture.givenNoPriorActivity()
                .when(new DepositInstrument("UKR", InstrumentType.RATIFICATION, LocalDate.of(2005, 12, 27), false,
                        "C.N.1.2006"))
                .expectEvents(new InstrumentDeposited("UKR", "Ukraine", InstrumentType.RATIFICATION,
                        LocalDate.of(2005, 12, 27), LocalDate.of(2006, 6, 1), false, "C.N.1.2006"));
    }

    @Test
    void cannotDepositASecondInstrumentWhileBound() {
        fixture.given(new InstrumentDeposited("UKR", "Ukraine", InstrumentType.RATIFICATION,
                        LocalDate.of(2005, 12, 27), LocalDate.of(2006, 6, 1), false, null))
                .when(new DepositInstrument("UKR", InstrumentType.ACCESSION, LocalDate.of(2007, 1, 1), false, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("already deposited"))
                .expectNoEvents();
    }

    @Test
    void cannotRecordADepositForAnUnknownCode() {
        fixture.givenNoPriorActivity()
                .when(new DepositInstrument("XYZ", InstrumentType.ACCESSION, LocalDate.of(2007, 1, 1), false, null))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }
}
