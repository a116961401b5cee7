package org.treatyregistry.registry.participation;

import static org.hamcrest.Matchers.containsString;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.contract.participation.WithdrawalNotified;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.platform.ingestion.PendingFact;

class StateParticipationTest {

    private static final TreatySigned SIGNED = new TreatySigned("UKR", "Ukraine", LocalDate.of(1999, 2, 24),
            LocalDate.of(1999, 2, 24), null);
    private static final InstrumentDeposited RATIFIED = Facts.deposit("UKR", InstrumentType.RATIFICATION, "2005-12-27");

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

    @Test
    void recordsADepositOfASignatoryOnRecord() {
        fixture.given(SIGNED)
                .when(new RecordFacts("UKR", List.of(new PendingFact(RATIFIED, "c2", "f2"))))
                .expectEvents(RATIFIED);
    }

    @Test
    void cannotRecordASecondInstrumentWhileBoundAndRecordsNothing() {
        fixture.given(SIGNED, RATIFIED)
                .when(new RecordFacts("UKR", List.of(new PendingFact(
                        Facts.deposit("UKR", InstrumentType.RATIFICATION, "2006-01-10"), "c3", "f3"))))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void cannotRecordAWithdrawalOfAStateNotBound() {
        fixture.given(SIGNED)
                .when(new RecordFacts("UKR", List.of(new PendingFact(
                        new WithdrawalNotified("UKR", "2005-06-01", null, null, null), "c2", "f2"))))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void retryOfAPostSkipsTheFactsItsClientIdsAlreadyRecorded() {
        PendingFact signature = new PendingFact(SIGNED, "c1", "f1");
        fixture.given(GenericEventMessage.asEventMessage(SIGNED).andMetaData(signature.metaData()))
                .when(new RecordFacts("UKR", List.of(signature, new PendingFact(RATIFIED, "c2", "f2"))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(RATIFIED);
    }
}
