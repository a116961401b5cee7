package org.treatyregistry.indicators.computation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.indicators.catalogue.Indicator;
import org.treatyregistry.indicators.catalogue.IndicatorCatalogue;
import org.treatyregistry.indicators.participation.RegistryFacts;
import org.treatyregistry.indicators.records.IndicatorRecords;
import org.treatyregistry.indicators.reporting.ReportsProjection;
import org.treatyregistry.platform.web.Csv;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;
import org.treatyregistry.platform.web.Reading;

/**
 * Indicator values for a year, by what was recorded at {@code knownAt}, reports read as of {@code asOf}, with the
 * States behind each number.
 */
@RestController
@RequestMapping("/api/indicators")
class IndicatorsController {

    private final IndicatorCatalogue catalogue;
    private final RegistryFacts participants;
    private final ReportsProjection reports;
    private final IndicatorRecords records;
    private final Clock clock;

    IndicatorsController(IndicatorCatalogue catalogue, RegistryFacts participants, ReportsProjection reports,
                         IndicatorRecords records, Clock clock) {
        this.catalogue = catalogue;
        this.participants = participants;
        this.reports = reports;
        this.records = records;
        this.clock = clock;
    }

    /** The flat form of the CSV list: the States counted as ISO3 codes separated by spaces. */
    record Row(String id, int year, IndicatorValue.Status status, Double value, Integer numerator, Integer denominator,
               String counted, Double baseline, Double changeFromBaseline, String awaiting, String coverage,
               Integer coverageOnRecord, Integer coverageOf) {
    }

    @GetMapping(produces = "text/csv")
    String allCsv(@RequestParam(required = false) Integer year, Reading reading) {
        return Csv.of(Row.class, all(year, reading).stream().map(v -> new Row(v.id(), v.year(), v.status(),
                v.value(), v.numerator(), v.denominator(),
                v.counted().stream().map(IndicatorValue.Counted::iso3).collect(Collectors.joining(" ")),
                v.baseline(), v.changeFromBaseline(), v.awaiting(),
                v.coverage() == null ? null : v.coverage().reads(),
                v.coverage() == null ? null : v.coverage().onRecord(),
                v.coverage() == null ? null : v.coverage().of())).toList());
    }

    @GetMapping(produces = "application/json")
    List<IndicatorValue> all(@RequestParam(required = false) Integer year, Reading reading) {
        World world = world(reading);
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        return catalogue.all().stream().map(i -> IndicatorComputations.compute(i, y, world)).toList();
    }

    @GetMapping("/{id}")
    IndicatorValue one(@PathVariable String id, @RequestParam(required = false) Integer year, Reading reading) {
        return IndicatorComputations.compute(indicator(id), year == null ? LocalDate.now(clock).getYear() : year,
                world(reading));
    }

    /** The Action Plan's years, 2025 (the baseline) to 2029. */
    @GetMapping("/{id}/series")
    List<IndicatorValue> series(@PathVariable String id, Reading reading) {
        Indicator indicator = indicator(id);
        World world = world(reading);
        return IntStream.rangeClosed(IndicatorComputations.BASELINE_YEAR, 2029)
                .mapToObj(y -> IndicatorComputations.compute(indicator, y, world)).toList();
    }

    /** The records as known at {@code knownAt} (default now), reports read as of {@code asOf} (default today). */
    private World world(Reading reading) {
        return new World(participants.histories(reading.knownAt()), reports.records(reading.knownAt()),
                records.records(reading.knownAt()), reading.asOf());
    }

    private Indicator indicator(String id) {
        return catalogue.find(id).orElseThrow(() -> new ProblemException(Problems.of(HttpStatus.NOT_FOUND,
                "unknown-indicator", "Unknown indicator", "No indicator '" + id + "' in the Action Plan; see "
                        + "GET /api/indicators/catalogue (identifiers such as 8.1, 11.2, 47).")));
    }
}
