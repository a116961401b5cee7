package org.treatyregistry.indicators.records;

import static org.hamcrest.Matchers.containsString;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.finance.VoluntaryContributionMade;
import org.treatyregistry.contract.meetings.DelegationAttended;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.platform.ingestion.PendingFact;

/** The indicators' own records of one State: given what is recorded, a command records the rest or nothing. */
class StateRecordsTest {

    private static final LocalDate MSP = LocalDate.of(2025, 12, 1);
    private static final DelegationAttended AT_22MSP = new DelegationAttended("CAN", "22MSP", MSP, 10, 6, null);
    private static final DelegationAttended AT_23MSP = new DelegationAttended("CAN", "23MSP", MSP.plusYears(1), 8, 4,
            null);

    private AggregateTestFixture<StateRecords> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StateRecords.class);
    }

    @Test
    void recordsTheFactsOfACommandInOrder() {
        VoluntaryContributionMade contribution = new VoluntaryContributionMade("CAN", MSP, 50_000, "CAD", null);
        fixture.givenNoPriorActivity()
                .when(new RecordIndicatorFacts("CAN", List.of(new PendingFact(AT_22MSP, "c1", "f1"),
                        new PendingFact(contribution, "c2", "f2"))))
                .expectEvents(AT_22MSP, contribution);
    }

    @Test
    void recordsADelegationAtAnotherMeetingAfterOneOnRecord() {
        fixture.given(AT_22MSP)
                .when(new RecordIndicatorFacts("CAN", List.of(new PendingFact(AT_23MSP, "c2", "f2"))))
                .expectEvents(AT_23MSP);
    }

    @Test
    void cannotRecordTheSameDelegationTwiceAndRecordsNothing() {
        fixture.given(AT_22MSP)
                .when(new RecordIndicatorFacts("CAN", List.of(new PendingFact(AT_23MSP, "c2", "f2"),
                        new PendingFact(AT_22MSP, "c3", "f3"))))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("already on record"))
                .expectNoEvents();
    }

    @Test
    void retryOfAPostSkipsTheFactsItsClientIdsAlreadyRecorded() {
        PendingFact first = new PendingFact(AT_22MSP, "c1", "f1");
        fixture.given(GenericEventMessage.asEventMessage(AT_22MSP).andMetaData(first.metaData()))
                .when(new RecordIndicatorFacts("CAN", List.of(first, new PendingFact(AT_23MSP, "c2", "f2"))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(AT_23MSP);
    }
}
