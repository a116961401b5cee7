package org.treatyregistry.platform.alerts;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.treatyregistry.convention.alerts.Alerts.Alert;
import org.treatyregistry.platform.web.AtomFeed;
import org.treatyregistry.platform.web.Reading;

/**
 * A service's alerts endpoint ({@code GET /api/<service>/alerts}): the alerts fired in the period asked
 * ({@link AlertsAsked}), by the record as known at {@code knownAt}, as JSON, CSV or an Atom feed. A service says
 * only which alerts its record gives.
 */
public abstract class AlertsEndpoint implements AlertSource {

    private final String service;

    protected AlertsEndpoint(String service) {
        this.service = service;
    }

    @GetMapping(produces = "application/json")
    public List<Alert> alerts(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                              LocalDate from, @RequestParam(required = false) List<Integer> daysAhead,
                              @RequestParam(required = false) String iso3, Reading reading) {
        return firing(iso3, AlertsAsked.of(from, daysAhead, reading), reading.knownAt())
                .sorted(Comparator.comparing(Alert::firesOn).thenComparing(Alert::iso3).thenComparing(Alert::id))
                .toList();
    }

    @GetMapping(produces = "text/csv")
    public String alertsCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                            LocalDate from, @RequestParam(required = false) List<Integer> daysAhead,
                            @RequestParam(required = false) String iso3, Reading reading) {
        return AlertsAsked.csv(alerts(from, daysAhead, iso3, reading));
    }

    @GetMapping(produces = AtomFeed.TYPE)
    public String alertsFeed(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                             LocalDate from, @RequestParam(required = false) List<Integer> daysAhead,
                             @RequestParam(required = false) String iso3, Reading reading,
                             HttpServletRequest request) {
        // Relative: the service sees its own address, the reader the gateway's.
        String self = request.getRequestURI() + (request.getQueryString() == null ? ""
                : "?" + request.getQueryString());
        return AlertsAsked.atom(alerts(from, daysAhead, iso3, reading), service, self, reading.asOf());
    }
}
