package org.treatyregistry.reporting.landrelease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.contract.landrelease.LandReleased;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.reporting.ReportingApplication;
import org.treatyregistry.reporting.synthetic.SyntheticReporting;

/**
 * The contamination views with 100,000 generated hazardous areas and about 300,000 releases, on mongo-java-server
 * (memory backend): the numbers equal a plain recount of the generated events, as of two dates and as known at
 * two times. How fast it answers is the benchmark's question ({@code ./bench}), not a test's.
 */
@SpringBootTest(classes = ReportingApplication.class, properties = "spring.config.name=reporting-service")
class ContaminationAtScaleTest {

    static final int AREAS = 100_000;
    static final long SEED = 2025;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties("reporting-scale").forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    ContaminationProjection projection;
    @Autowired
    ContaminationController controller;

    @Test
    void answersFromOneHundredThousandAreasAsARecountDoes() {
        List<StateEvent> events = SyntheticReporting.landRelease(SEED, 36, AREAS);
        long releases = events.stream().filter(LandReleased.class::isInstance).count();
        assertThat(releases).isGreaterThan(290_000);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        List<Fact> recorded = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            recorded.add(new Fact("syn-" + i, base.plusSeconds(i), events.get(i)));
        }
        long started = System.nanoTime();
        for (int from = 0; from < recorded.size(); from += 2_000) {
            projection.project(recorded.subList(from, Math.min(recorded.size(), from + 2_000)));
        }
        long loadMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[measure] projected %,d areas and %,d releases in %,d ms (%,d events/s)%n", AREAS, releases,
                loadMillis, recorded.size() * 1000L / Math.max(1, loadMillis));

        Instant halfway = base.plusSeconds(recorded.size() / 2);
        for (LocalDate asOf : List.of(LocalDate.of(2021, 6, 30), LocalDate.of(2026, 11, 22))) {
            for (Instant knownAt : List.of(halfway, base.plusSeconds(recorded.size()))) {
                StateContamination afghanistan = controller.ofState("AFG", new Reading(asOf, knownAt));
                assertThat(afghanistan.remainingM2()).as("AFG %s %s", asOf, knownAt)
                        .isEqualTo(recount(events, base, "AFG", asOf, knownAt));
                assertThat(controller.ofAll(new Reading(asOf, knownAt)).stream()
                        .mapToLong(StateContamination::remainingM2).sum())
                        .isEqualTo(recount(events, base, null, asOf, knownAt));
            }
        }
        StateContamination now =
                controller.ofState("AFG", Reading.of(LocalDate.of(2026, 11, 22), null, Clock.systemUTC()));
        assertThat(now.released()).extracting(StateContamination.Released::method)
                .contains("CANCELLED", "REDUCED", "CLEARED");
        assertThat(now.events()).isEqualTo(events.stream().filter(e -> e.iso3().equals("AFG")).count());

    }

    /** Remaining m2 recounted from the generated events, for one State (or all with null). */
    private static long recount(List<StateEvent> events, Instant base, String iso3, LocalDate asOf, Instant knownAt) {
        Map<String, Long> remaining = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            StateEvent e = events.get(i);
            if ((iso3 != null && !e.iso3().equals(iso3)) || e.effectiveDate().isAfter(asOf)
                    || base.plusSeconds(i).isAfter(knownAt)) {
                continue;
            }
            long m2 = e instanceof HazardousAreaRecorded a ? a.sizeM2() : -((LandReleased) e).m2();
            remaining.merge(e.iso3(), m2, Long::sum);
        }
        return remaining.values().stream().mapToLong(Long::longValue).sum();
    }
}
