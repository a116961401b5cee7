package org.treatyregistry.indicators.computation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.treatyregistry.contract.participation.InstrumentType.ACCESSION;
import static org.treatyregistry.contract.participation.InstrumentType.RATIFICATION;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.obligations.ClearanceCompleted;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.indicators.catalogue.IndicatorCatalogue;

class IndicatorComputationsTest {

    private final IndicatorCatalogue catalogue = new IndicatorCatalogue();

    private static final List<StateHistory> HISTORIES = List.of(
            Facts.of("CAN").signed("1997-12-03").deposited(RATIFICATION, "1997-12-03").history(),
            Facts.of("MHL").signed("1997-12-04").deposited(RATIFICATION, "2025-03-12").history(),
            Facts.of("TUV").deposited(ACCESSION, "2026-02").history(),
            Facts.of("MRT").signed("1997-12-03").deposited(RATIFICATION, "2000-07-21")
                    .add(new MinedAreasReported("MRT", "2001", null))
                    .add(new ClearanceCompleted("MRT", "2026-05-20", null, LocalDate.of(2026, 5, 20), null, null))
                    .history());

    private IndicatorValue compute(String id, int year) {
        return IndicatorComputations.compute(catalogue.find(id).orElseThrow(), year,
                new World(HISTORIES, Map.of(), LocalDate.of(2027, 1, 1)));
    }

    @Test
    void newRatificationsAndAccessionsOfTheYearAgainstThe2025Baseline() {
        IndicatorValue baseline = compute("11.2", 2025);
        assertThat(baseline.value()).isEqualTo(1.0);
        assertThat(baseline.counted()).extracting(IndicatorValue.Counted::iso3).containsExactly("MHL");
        assertThat(baseline.counted().get(0).eventIds()).hasSize(1);
        IndicatorValue next = compute("11.2", 2026);
        assertThat(next.counted()).extracting(IndicatorValue.Counted::iso3).containsExactly("TUV");
        assertThat(next.baseline()).isEqualTo(1.0);
        assertThat(next.changeFromBaseline()).isEqualTo(0.0);
    }

    @Test
    void aYearNotBegunHasNoValueAndTheYearRunningIsCountedToTheDate() {
        World sixDecember2026 = new World(HISTORIES, Map.of(), LocalDate.of(2026, 12, 6));
        IndicatorValue next = IndicatorComputations.compute(catalogue.find("11.2").orElseThrow(), 2027,
                sixDecember2026);
        assertThat(next.status()).isEqualTo(IndicatorValue.Status.NOT_BEGUN);
        assertThat(next.value()).as("no value, not zero").isNull();
        assertThat(next.counted()).isEmpty();
        assertThat(next.note()).contains("2027 has not begun on 2026-12-06");
        // Tuvalu's accession (February 2026) is counted, but 2026 is not over on 6 December: partial, to the date.
        IndicatorValue running = IndicatorComputations.compute(catalogue.find("11.2").orElseThrow(), 2026,
                sixDecember2026);
        assertThat(running.value()).isEqualTo(1.0);
        assertThat(running.status()).isEqualTo(IndicatorValue.Status.PARTIAL);
        assertThat(running.note()).contains("counted to 2026-12-06");
        assertThat(running.baselineStatus()).as("2025 is over").isEqualTo(IndicatorValue.Status.COMPUTED);
        // The baseline year itself, read on a date within it, is partial too.
        IndicatorValue baseline = IndicatorComputations.compute(catalogue.find("11.2").orElseThrow(), 2025,
                new World(HISTORIES, Map.of(), LocalDate.of(2025, 6, 30)));
        assertThat(baseline.status()).isEqualTo(IndicatorValue.Status.PARTIAL);
        assertThat(baseline.baselineStatus()).isEqualTo(IndicatorValue.Status.PARTIAL);
    }

    @Test
    void completionsDeclaredInTheYear() {
        assertThat(compute("24.1", 2025).value()).isZero();
        assertThat(compute("24.1", 2026).counted()).extracting(IndicatorValue.Counted::iso3).containsExactly("MRT");
        assertThat(compute("24.1", 2026).changeFromBaseline()).isEqualTo(1.0);
        assertThat(compute("24.1", 2026).status()).as("the registry's record is complete")
                .isEqualTo(IndicatorValue.Status.COMPUTED);
        // 24.2: "these States Parties" - Mauritania, with no report on record at all: whether it declared
        // completion is unknown, not 0%: no records is not zero
        IndicatorValue declarations = compute("24.2", 2026);
        assertThat(declarations.status()).isEqualTo(IndicatorValue.Status.AWAITING_DATA);
        assertThat(declarations.value()).isNull();
        assertThat(declarations.coverage().onRecord()).isZero();
        assertThat(declarations.coverage().of()).isEqualTo(1);
        assertThat(declarations.awaiting()).contains("on record: 0 of 1");
        // with a report on record that does not declare it, it is 0 of 1
        IndicatorValue withReport = IndicatorComputations.compute(catalogue.find("24.2").orElseThrow(), 2026,
                new World(HISTORIES, Map.of("MRT", new ReportingRecord("MRT", List.of(new Fact("r1", Instant.EPOCH,
                        new ReportSubmitted("MRT", "2025", LocalDate.of(2026, 4, 1), false, null, Map.of(), null))))),
                        LocalDate.of(2027, 1, 1)));
        assertThat(withReport.status()).isEqualTo(IndicatorValue.Status.COMPUTED);
        assertThat(withReport.notCounted()).containsExactly("MRT");
        assertThat(withReport.value()).isEqualTo(0.0);
    }

    @Test
    void anIndicatorWhoseRecordsAreNotYetInTheSystemSaysWhatItAwaits() {
        IndicatorValue votes = compute("12.2", 2026);
        assertThat(votes.status()).isEqualTo(IndicatorValue.Status.AWAITING_DATA);
        assertThat(votes.value()).isNull();
        assertThat(votes.awaiting()).contains("UNGA_VOTES");
    }
}
