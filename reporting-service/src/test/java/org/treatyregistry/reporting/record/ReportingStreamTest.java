package org.treatyregistry.reporting.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.contract.landrelease.LandReleased;
import org.treatyregistry.contract.reports.ReportAmended;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.contract.stockpiles.MinesDestroyed;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.platform.ingestion.PendingFact;

/** A reporting stream's own rules, then the aggregate applying them to what its stream already holds. */
class ReportingStreamTest {

    private static final ReportSubmitted REPORT_2008 = (ReportSubmitted) Reporting.of("UKR")
            .report("2008", "2009-04-20").events().get(0);
    private static final ReportAmended AMENDED_2008 = new ReportAmended("UKR", "2008", LocalDate.of(2009, 6, 1),
            Reporting.silent(), null, null);
    private static final HazardousAreaRecorded AREA = new HazardousAreaRecorded("AFG", "K-7", LocalDate.of(2020, 1, 1),
            HazardousAreaRecorded.AreaStatus.CONFIRMED, 100, HazardousAreaRecorded.Contamination.MIXED, false, null);

    private AggregateTestFixture<ReportingStream> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReportingStream.class);
    }

    private static String rule(List<StateEvent> stream, StateEvent next) {
        return ReportingStream.check(stream, next).map(RuleViolation::rule).orElse("accepted");
    }

    private static LandReleased cleared(long m2) {
        return new LandReleased("AFG", "K-7", LocalDate.of(2021, 1, 1), LandReleased.Method.CLEARED, m2, 2, null);
    }

    @Test
    void aPeriodIsReportedOnce() {
        List<StateEvent> stream = List.of(REPORT_2008);
        assertThat(rule(stream, Reporting.of("UKR").report("2008", "2009-05-01").events().get(0)))
                .isEqualTo("already-submitted");
    }

    @Test
    void anotherPeriodIsReportedBesideOneOnRecord() {
        assertThat(rule(List.of(REPORT_2008), Reporting.of("UKR").report("2009", "2010-04-01").events().get(0)))
                .isEqualTo("accepted");
    }

    @Test
    void aReportIsAmendedOnlyOnceReported() {
        assertThat(rule(List.of(), AMENDED_2008)).isEqualTo("no-such-report");
        assertThat(rule(List.of(REPORT_2008), AMENDED_2008)).isEqualTo("accepted");
    }

    @Test
    void anAreasFactsGoToTheAreasStream() {
        assertThat(ReportingStream.of(AREA)).isEqualTo("AFG/area/K-7");
        assertThat(ReportingStream.of(cleared(100))).isEqualTo("AFG/area/K-7");
    }

    @Test
    void stockpileFactsGoToTheStatesStreamAndCannotDestroyMoreThanHeld() {
        MinesDestroyed destroyed = new MinesDestroyed("AFG", LocalDate.of(2021, 1, 1), "PMN", 1, 4, null);
        assertThat(ReportingStream.of(destroyed)).isEqualTo("AFG");
        assertThat(rule(List.of(), destroyed)).as("nothing held").isEqualTo("more-than-held");
    }

    @Test
    void anAreaCannotReleaseMoreThanRemains() {
        assertThat(rule(List.of(AREA), cleared(101))).isEqualTo("more-than-remains");
    }

    @Test
    void recordsAReportOnAStreamWithNone() {
        fixture.givenNoPriorActivity()
                .when(new RecordReportingFacts("UKR", List.of(new PendingFact(REPORT_2008, "c1", "f1"))))
                .expectEvents(REPORT_2008);
    }

    @Test
    void amendsAReportTheStreamHolds() {
        fixture.given(REPORT_2008)
                .when(new RecordReportingFacts("UKR", List.of(new PendingFact(AMENDED_2008, "c2", "f2"))))
                .expectEvents(AMENDED_2008);
    }

    @Test
    void cannotSubmitAPeriodTheStreamHoldsAndRecordsNothing() {
        ReportSubmitted again = (ReportSubmitted) Reporting.of("UKR").report("2008", "2009-05-01").events().get(0);
        fixture.given(REPORT_2008)
                .when(new RecordReportingFacts("UKR", List.of(new PendingFact(AMENDED_2008, "c2", "f2"),
                        new PendingFact(again, "c3", "f3"))))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("already on record"))
                .expectNoEvents();
    }

    @Test
    void cannotReleaseMoreOfAnAreaThanRemainsInItsStream() {
        fixture.given(AREA, cleared(60))
                .when(new RecordReportingFacts("AFG/area/K-7", List.of(new PendingFact(cleared(41), "c3", "f3"))))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void retryOfAPostSkipsTheFactsItsClientIdsAlreadyRecorded() {
        PendingFact report = new PendingFact(REPORT_2008, "c1", "f1");
        fixture.given(GenericEventMessage.asEventMessage(REPORT_2008).andMetaData(report.metaData()))
                .when(new RecordReportingFacts("UKR", List.of(report, new PendingFact(AMENDED_2008, "c2", "f2"))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(AMENDED_2008);
    }
}
