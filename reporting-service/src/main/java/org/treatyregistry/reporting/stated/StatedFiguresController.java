package org.treatyregistry.reporting.stated;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.LandReleaseFigureStated;
import org.treatyregistry.contract.stockpiles.RetainedMinesStated;
import org.treatyregistry.platform.web.Csv;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.reporting.record.StatesOnRecord;

/**
 * Figures as sources state them, outside any report on record: mines retained under Article 3 per State and year,
 * and State-wide land-release totals. Each with its source and event id; those stated for a period ended by
 * {@code asOf}, as recorded by {@code knownAt}.
 */
@RestController
class StatedFiguresController {

    private final StatesOnRecord states;

    StatedFiguresController(StatesOnRecord states) {
        this.states = states;
    }

    /** {@code figureFor}: the year the figure is for, or "initial"; {@code statedIn}: the year of its source. */
    record RetainedRow(String iso3, String name, String figureFor, long minesRetained, int statedIn,
                       String sourceReference, String eventId) {
    }

    /** A total for {@code period} (a year, a month "as of", or a span of years), in its unit, as stated. */
    record LandReleaseRow(String iso3, String name, String period, String metric, BigDecimal value, String unit,
                          String sourceReference, String eventId) {
    }

    @GetMapping("/api/reporting/retained-mines")
    List<RetainedRow> retained(@RequestParam(required = false) String state, Reading reading) {
        return rows(RetainedMinesStated.class, state, reading, (s, f) -> new RetainedRow(s.iso3(), s.name(),
                f.event().figureFor(), f.event().minesRetained(), f.event().statedIn(), f.event().sourceReference(),
                f.eventId()));
    }

    @GetMapping(value = "/api/reporting/retained-mines", produces = "text/csv")
    String retainedCsv(@RequestParam(required = false) String state, Reading reading) {
        return Csv.of(RetainedRow.class, retained(state, reading));
    }

    @GetMapping("/api/reporting/land-release-figures")
    List<LandReleaseRow> landRelease(@RequestParam(required = false) String state, Reading reading) {
        return rows(LandReleaseFigureStated.class, state, reading, (s, f) -> new LandReleaseRow(s.iso3(),
                s.name(), f.event().period(), f.event().metric(), f.event().value(), f.event().unit(),
                f.event().sourceReference(), f.eventId()));
    }

    @GetMapping(value = "/api/reporting/land-release-figures", produces = "text/csv")
    String landReleaseCsv(@RequestParam(required = false) String state, Reading reading) {
        return Csv.of(LandReleaseRow.class, landRelease(state, reading));
    }

    /** A stated figure with the id of the event that records it. */
    record Stated<T>(String eventId, T event) {
    }

    private <T extends StateEvent, R> List<R> rows(Class<T> type, String state, Reading reading,
                                                   java.util.function.BiFunction<StatesOnRecord.StateOnRecord,
                                                           Stated<T>, R> row) {
        return states.select(state, reading.knownAt()).stream().flatMap(s -> s.record().facts().stream()
                .filter(f -> type.isInstance(f.event()) && !f.event().effectiveDate().isAfter(reading.asOf()))
                .map(f -> row.apply(s, new Stated<>(f.eventId(), type.cast(f.event()))))).toList();
    }
}
