package org.treatyregistry.reporting.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.contract.landrelease.LandReleased;
import org.treatyregistry.contract.reports.ReportAmended;
import org.treatyregistry.contract.stockpiles.MinesDestroyed;
import org.treatyregistry.convention.RuleViolation;

class ReportingStreamTest {

    private static String rule(List<StateEvent> stream, StateEvent next) {
        return ReportingStream.check(stream, next).map(RuleViolation::rule).orElse("accepted");
    }

    @Test
    void aPeriodIsReportedOnceAndAmendedOnlyOnceReported() {
        List<StateEvent> stream = Reporting.of("UKR").report("2008", "2009-04-20").events();
        assertThat(rule(stream, Reporting.of("UKR").report("2008", "2009-05-01").events().get(0)))
                .isEqualTo("already-submitted");
        assertThat(rule(stream, Reporting.of("UKR").report("2009", "2010-04-01").events().get(0))).isEqualTo("accepted");
        assertThat(rule(List.of(), new ReportAmended("UKR", "2008", LocalDate.of(2009, 6, 1), Reporting.silent(),
                null, null))).isEqualTo("no-such-report");
        assertThat(rule(stream, new ReportAmended("UKR", "2008", LocalDate.of(2009, 6, 1), Reporting.silent(),
                null, null))).isEqualTo("accepted");
    }

    @Test
    void eachFactGoesToItsStreamAndMeetsItsRules() {
        HazardousAreaRecorded area = new HazardousAreaRecorded("AFG", "K-7", LocalDate.of(2020, 1, 1),
                HazardousAreaRecorded.AreaStatus.CONFIRMED, 100, HazardousAreaRecorded.Contamination.MIXED, false, null);
        assertThat(ReportingStream.of(area)).isEqualTo("AFG/area/K-7");
        assertThat(ReportingStream.of(new LandReleased("AFG", "K-7", LocalDate.of(2021, 1, 1),
                LandReleased.Method.CLEARED, 100, 2, null))).isEqualTo("AFG/area/K-7");
        MinesDestroyed destroyed = new MinesDestroyed("AFG", LocalDate.of(2021, 1, 1), "PMN", 1, 4, null);
        assertThat(ReportingStream.of(destroyed)).isEqualTo("AFG");
        assertThat(rule(List.of(), destroyed)).as("nothing held").isEqualTo("more-than-held");
        assertThat(rule(List.of(area), new LandReleased("AFG", "K-7", LocalDate.of(2021, 1, 1),
                LandReleased.Method.CLEARED, 101, 2, null))).isEqualTo("more-than-remains");
    }
}
