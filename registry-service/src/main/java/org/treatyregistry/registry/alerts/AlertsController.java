package org.treatyregistry.registry.alerts;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.convention.alerts.Alerts;
import org.treatyregistry.convention.alerts.Alerts.Alert;
import org.treatyregistry.platform.alerts.AlertsAsked;
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

    private final RegistryProjection projection;

    AlertsController(RegistryProjection projection) {
        this.projection = projection;
    }

    @GetMapping(produces = "application/json")
    List<Alert> alerts(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                       @RequestParam(required = false) List<Integer> daysAhead,
                       @RequestParam(required = false) String iso3, Reading reading) {
        AlertsAsked asked = AlertsAsked.of(from, daysAhead, reading);
        return projection.all().stream()
                .filter(state -> iso3 == null || state.iso3().equals(iso3))
                .map(state -> state.knownAt(reading.knownAt()))
                .flatMap(history -> Alerts.firing(history, asked.from(), asked.to(), asked.daysAhead()).stream())
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
        return AlertsAsked.atom(alerts(from, daysAhead, iso3, reading), "registry", self, reading.asOf());
    }

    @GetMapping(produces = "text/csv")
    String alertsCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                     @RequestParam(required = false) List<Integer> daysAhead,
                     @RequestParam(required = false) String iso3, Reading reading) {
        return AlertsAsked.csv(alerts(from, daysAhead, iso3, reading));
    }
}
