package org.treatyregistry.reporting.reports;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.convention.alerts.Alerts.Alert;
import org.treatyregistry.platform.alerts.AlertsAsked;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.reporting.record.StatesOnRecord;

/** The Article 7 alerts ({@link ReportAlerts}) fired from {@code from} to {@code asOf}, as known at {@code knownAt}. */
@RestController
@RequestMapping("/api/reporting/alerts")
class ReportAlertsController {

    private final StatesOnRecord states;

    ReportAlertsController(StatesOnRecord states) {
        this.states = states;
    }

    @GetMapping(produces = "application/json")
    List<Alert> alerts(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                       @RequestParam(required = false) List<Integer> daysAhead,
                       @RequestParam(required = false) String iso3, Reading reading) {
        AlertsAsked asked = AlertsAsked.of(from, daysAhead, reading);
        return states.select(iso3, reading.knownAt()).stream()
                .flatMap(s -> ReportAlerts.firing(s.participation(), s.record(), asked.from(), asked.to(),
                        asked.daysAhead()).stream())
                .sorted(Comparator.comparing(Alert::firesOn).thenComparing(Alert::iso3).thenComparing(Alert::id))
                .toList();
    }

    @GetMapping(produces = AlertsAsked.ATOM_TYPE)
    String alertsFeed(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @RequestParam(required = false) List<Integer> daysAhead,
                      @RequestParam(required = false) String iso3, Reading reading, HttpServletRequest request) {
        // Relative: the service sees its own address, the reader the gateway's.
        String self = request.getRequestURI() + (request.getQueryString() == null ? ""
                : "?" + request.getQueryString());
        return AlertsAsked.atom(alerts(from, daysAhead, iso3, reading), "reporting", self, reading.asOf());
    }

    @GetMapping(produces = "text/csv")
    String alertsCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                     @RequestParam(required = false) List<Integer> daysAhead,
                     @RequestParam(required = false) String iso3, Reading reading) {
        return AlertsAsked.csv(alerts(from, daysAhead, iso3, reading));
    }
}
