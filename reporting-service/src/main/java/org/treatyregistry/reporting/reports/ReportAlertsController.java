package org.treatyregistry.reporting.reports;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.convention.alerts.Alerts;
import org.treatyregistry.convention.alerts.Alerts.Alert;
import org.treatyregistry.platform.alerts.AlertsAsked;
import org.treatyregistry.platform.alerts.AlertsEndpoint;
import org.treatyregistry.reporting.record.StatesOnRecord;

/** The Article 7 alerts ({@link ReportAlerts}) fired in the period asked. */
@RestController
@RequestMapping("/api/reporting/alerts")
class ReportAlertsController extends AlertsEndpoint {

    private final StatesOnRecord states;

    ReportAlertsController(StatesOnRecord states) {
        super("reporting");
        this.states = states;
    }

    @Override
    public Set<Alerts.Kind> kinds() {
        return EnumSet.of(Alerts.Kind.ARTICLE_7_REPORT_DUE, Alerts.Kind.ARTICLE_7_REPORT_OVERDUE);
    }

    @Override
    public Stream<Alert> firing(String iso3, AlertsAsked asked, Instant knownAt) {
        return states.select(iso3, knownAt).stream().flatMap(s -> ReportAlerts.firing(s.participation(), s.record(),
                asked.from(), asked.to(), asked.daysAhead()).stream());
    }
}
