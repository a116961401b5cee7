package org.treatyregistry.registry.alerts;

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
import org.treatyregistry.registry.participation.RegistryProjection;

/**
 * The alerts the registry's record gives (entries into force, withdrawals taking effect, Article 4 and 5 deadlines
 * approaching and passed): what a subscriber to them would have been told in the period asked.
 */
@RestController
@RequestMapping("/api/registry/alerts")
class AlertsController extends AlertsEndpoint {

    private final RegistryProjection projection;

    AlertsController(RegistryProjection projection) {
        super("registry");
        this.projection = projection;
    }

    @Override
    public Set<Alerts.Kind> kinds() {
        return EnumSet.of(Alerts.Kind.ENTRY_INTO_FORCE_REACHED, Alerts.Kind.WITHDRAWAL_TAKES_EFFECT,
                Alerts.Kind.ARTICLE_4_DEADLINE_APPROACHING, Alerts.Kind.ARTICLE_4_DEADLINE_PASSED,
                Alerts.Kind.ARTICLE_5_DEADLINE_APPROACHING, Alerts.Kind.ARTICLE_5_DEADLINE_PASSED);
    }

    @Override
    public Stream<Alert> firing(String iso3, AlertsAsked asked, Instant knownAt) {
        return projection.all().stream()
                .filter(state -> iso3 == null || state.iso3().equals(iso3))
                .map(state -> state.knownAt(knownAt))
                .flatMap(history -> Alerts.firing(history, asked.from(), asked.to(), asked.daysAhead()).stream());
    }
}
