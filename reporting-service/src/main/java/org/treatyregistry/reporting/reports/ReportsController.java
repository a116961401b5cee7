package org.treatyregistry.reporting.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.web.Csv;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.reporting.record.StatesOnRecord;

/**
 * Article 7 reports owed and sent, with their status on {@code asOf} by the record at {@code knownAt};
 * {@code year} selects the reports due that year (voluntary ones: received that year).
 */
@RestController
@RequestMapping("/api/reporting/reports")
class ReportsController {

    private final StatesOnRecord states;
    private final Clock clock;

    ReportsController(StatesOnRecord states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    @GetMapping
    List<ReportTable.Row> reports(@RequestParam(required = false) Integer year,
                                  @RequestParam(required = false) String state,
                                  @RequestParam(required = false) ReportStatus status,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                  @RequestParam(required = false) Instant knownAt) {
        Reading reading = Reading.of(asOf, knownAt, clock);
        return states.select(state, reading.knownAt()).stream()
                .flatMap(s -> ReportTable.of(s.name(), s.participation(), s.record(), reading.asOf()).stream())
                .filter(row -> status == null || row.status() == status)
                .filter(row -> year == null || (row.dueDate() != null ? row.dueDate() : row.receivedOn()).getYear() == year)
                .toList();
    }

    @GetMapping(produces = "text/csv")
    String reportsCsv(@RequestParam(required = false) Integer year, @RequestParam(required = false) String state,
                      @RequestParam(required = false) ReportStatus status,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                      @RequestParam(required = false) Instant knownAt) {
        return Csv.of(ReportTable.Row.class, reports(year, state, status, asOf, knownAt));
    }
}
