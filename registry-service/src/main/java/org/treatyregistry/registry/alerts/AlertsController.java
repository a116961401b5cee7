package org.treatyregistry.registry.alerts;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.convention.alerts.Alerts;
import org.treatyregistry.convention.alerts.Alerts.Alert;
import org.treatyregistry.platform.web.Csv;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.registry.participation.RegistryProjection;

/**
 * The alerts the registry's record gives (entries into force, withdrawals taking effect, Article 4 and 5 deadlines
 * approaching and passed) that fired from {@code from} to {@code asOf}, by the record as known at {@code knownAt}:
 * what a subscriber to them would have been told in that time.
 */
@RestController
@RequestMapping("/api/registry/alerts")
class AlertsController {

    /** Further ahead than the longest deadline runs (Art. 5: ten years) warns of nothing a State can act on. */
    private static final int MAX_DAYS_AHEAD = 3_650;

    private final RegistryProjection projection;

    AlertsController(RegistryProjection projection) {
        this.projection = projection;
    }

    /** One alert as a CSV row: the events it rests on separated by spaces. */
    record Row(String id, Alerts.Kind kind, String iso3, LocalDate firesOn, LocalDate date, Integer daysAhead,
               String rule, String restsOn) {
    }

    @GetMapping(produces = "application/json")
    List<Alert> alerts(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                       @RequestParam(required = false) List<Integer> daysAhead,
                       @RequestParam(required = false) String iso3, Reading reading) {
        LocalDate to = reading.asOf();
        LocalDate since = from == null ? to.minusDays(30) : from;
        if (since.isAfter(to)) {
            throw new ProblemException(Problems.of(HttpStatus.BAD_REQUEST, "bad-period", "Period ends before it "
                    + "starts", "from (" + since + ") is after asOf (" + to + "): ask for the alerts fired from a "
                    + "date up to a later one."));
        }
        List<Integer> ahead = daysAhead == null || daysAhead.isEmpty() ? Alerts.DEFAULT_DAYS_AHEAD : daysAhead;
        ahead.stream().filter(days -> days == null || days < 1 || days > MAX_DAYS_AHEAD).findFirst()
                .ifPresent(days -> {
                    throw new ProblemException(Problems.of(HttpStatus.BAD_REQUEST, "bad-days-ahead",
                            "Days ahead out of range", "daysAhead " + days + " is not between 1 and "
                                    + MAX_DAYS_AHEAD + ": give the days before a deadline to be warned, e.g. "
                                    + "daysAhead=90,30."));
                });
        return projection.all().stream()
                .filter(state -> iso3 == null || state.iso3().equals(iso3))
                .map(state -> state.knownAt(reading.knownAt()))
                .flatMap(history -> Alerts.firing(history, since, to, ahead).stream())
                .sorted(Comparator.comparing(Alert::firesOn).thenComparing(Alert::iso3).thenComparing(Alert::id))
                .toList();
    }

    @GetMapping(produces = "text/csv")
    String alertsCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                     @RequestParam(required = false) List<Integer> daysAhead,
                     @RequestParam(required = false) String iso3, Reading reading) {
        return Csv.of(Row.class, alerts(from, daysAhead, iso3, reading).stream().map(a -> new Row(a.id(), a.kind(),
                a.iso3(), a.firesOn(), a.date(), a.daysAhead(), a.rule(), String.join(" ", a.restsOn()))).toList());
    }
}
