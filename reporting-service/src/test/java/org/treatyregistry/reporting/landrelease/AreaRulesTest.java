package org.treatyregistry.reporting.landrelease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.contract.landrelease.LandReleased;
import org.treatyregistry.convention.RuleViolation;

class AreaRulesTest {

    private final HazardousAreaRecorded area = new HazardousAreaRecorded("KHM", "BAT-0042", LocalDate.of(2020, 3, 1),
            HazardousAreaRecorded.AreaStatus.SUSPECTED, 50_000, HazardousAreaRecorded.Contamination.AP_MINES, false,
            null);
    private final List<StateEvent> released =
            List.of(area, release(LandReleased.Method.CANCELLED, 20_000, "2021-01-01"));

    private static LandReleased release(LandReleased.Method method, long m2, String on) {
        return new LandReleased("KHM", "BAT-0042", LocalDate.parse(on), method, m2, 0, null);
    }

    private static String rule(List<StateEvent> stream, StateEvent next) {
        return AreaRules.check(stream, next).map(RuleViolation::rule).orElse("accepted");
    }

    @Test
    void noMoreLandIsReleasedThanRemains() {
        assertThat(AreaRules.remaining(released)).isEqualTo(30_000);
        assertThat(rule(released, release(LandReleased.Method.CLEARED, 30_000, "2022-01-01"))).isEqualTo("accepted");
        assertThat(rule(released, release(LandReleased.Method.CLEARED, 30_001, "2022-01-01")))
                .isEqualTo("more-than-remains");
        assertThat(rule(released, release(LandReleased.Method.REDUCED, -5, "2022-01-01")))
                .isEqualTo("negative-quantity");
    }

    @Test
    void anAreaIsRecordedOnceBeforeAnyRelease() {
        assertThat(rule(List.of(), area)).isEqualTo("accepted");
        assertThat(rule(List.of(area), area)).isEqualTo("area-exists");
        assertThat(rule(List.of(), release(LandReleased.Method.CLEARED, 1, "2022-01-01"))).isEqualTo("unknown-area");
        assertThat(rule(List.of(area), release(LandReleased.Method.CLEARED, 1, "2019-01-01")))
                .isEqualTo("released-before-identified");
        assertThat(rule(List.of(), new HazardousAreaRecorded("KHM", "X", LocalDate.of(2020, 1, 1),
                HazardousAreaRecorded.AreaStatus.CONFIRMED, 0, HazardousAreaRecorded.Contamination.MIXED, false, null)))
                .isEqualTo("area-size");
    }
}
