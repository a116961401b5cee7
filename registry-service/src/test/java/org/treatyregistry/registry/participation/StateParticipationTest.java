package org.treatyregistry.registry.participation;

import static org.hamcrest.Matchers.containsString;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.platform.ingestion.PendingFact;

class StateParticipationTest {

    private AggregateTestFixture<StateParticipation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StateParticipation.class);
    }

    @Test
    void recordsASignatureAndADepositInOneCommand() {
        TreatySigned signed = new TreatySigned("UKR", "Ukraine", LocalDate.of(1999, 2, 24),
                LocalDate.of(1999, 2, 24), null);
        fixture.givenNoPriorActivity()
                .when(new RecordFacts("UKR", List.of(new PendingFact(signed, "c1", "f1"),
                        new PendingFact(Facts.deposit("UKR", InstrumentType.RATIFICATION, "2005-12-27"), "c2", "f2"))))
                .expectEvents(signed, Facts.deposit("UKR", InstrumentType.RATIFICATION, "2005-12-27"));
    }

    @Test
    void cannotRecordRatificationWithoutASignatureAndRecordsNothing() {
        fixture.givenNoPriorActivity()
                .when(new RecordFacts("UKR", List.of(new PendingFact(
                        Facts.deposit("UKR", InstrumentType.RATIFICATION, "2005-12-27"), "c1", "f1"))))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("Art. 16.1"))
                .expectNoEvents();
    }

    @Test
    void cannotRecordForAnUnknownCode() {
        fixture.givenNoPriorActivity()
                .when(new RecordFacts("XYZ", List.of(new PendingFact(
                        Facts.deposit("XYZ", InstrumentType.ACCESSION, "2007-01-01"), "c1", "f1"))))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }
}
