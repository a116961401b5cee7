package org.treatyregistry.reporting.reports;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.platform.web.Csv;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.reporting.record.StatesOnRecord;

/**
 * Article 7 reports owed and sent, with their status on {@code asOf} by the record at {@code knownAt}.
 * {@code period} selects the report covering a period ("2025" is the report on 2025, due 30 April 2026;
 * "initial"); {@code dueYear} the reports due in a year (voluntary ones: received that year). {@code year} alone
 * was read both ways by its users, so it is refused with a problem detail naming the two.
 */
@RestController
@RequestMapping("/api/reporting/reports")
class ReportsController {

    private final StatesOnRecord states;

    ReportsController(StatesOnRecord states) {
        this.states = states;
    }

    @GetMapping
    List<ReportTable.Row> reports(@RequestParam(required = false) String period,
                                  @RequestParam(required = false) Integer dueYear,
                                  @RequestParam(required = false) String year,
                                  @RequestParam(required = false) String state,
                                  @RequestParam(required = false) ReportStatus status, Reading reading) {
        if (year != null) {
            throw new ProblemException(Problems.of(HttpStatus.BAD_REQUEST, "ambiguous-year", "Which year?",
                    "'year' is ambiguous: use period=" + year + " for the report covering " + year + " (due 30 April "
                            + "of the year after), or dueYear=" + year + " for the reports due in " + year + "."));
        }
        return states.select(state, reading.knownAt()).stream()
                .flatMap(s -> ReportTable.of(s.name(), s.participation(), s.record(), reading.asOf()).stream())
                .filter(row -> status == null || row.status() == status)
                .filter(row -> period == null || row.period().equals(period))
                .filter(row -> dueYear == null || dueYearOf(row) == dueYear)
                .toList();
    }

    /** The year a report fell due; for one owed nothing, the year it was received. */
    private static int dueYearOf(ReportTable.Row row) {
        return row.dueDate() != null ? row.dueDate().getYear() : PartialDate.parse(row.receivedOn()).year();
    }

    @GetMapping(produces = "text/csv")
    String reportsCsv(@RequestParam(required = false) String period, @RequestParam(required = false) Integer dueYear,
                      @RequestParam(required = false) String year, @RequestParam(required = false) String state,
                      @RequestParam(required = false) ReportStatus status, Reading reading) {
        return Csv.of(ReportTable.Row.class, reports(period, dueYear, year, state, status, reading));
    }
}
