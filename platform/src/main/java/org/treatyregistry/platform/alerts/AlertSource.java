package org.treatyregistry.platform.alerts;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.treatyregistry.convention.alerts.Alerts;
import org.treatyregistry.convention.alerts.Alerts.Alert;

/**
 * The alerts a service's record gives: what its alerts endpoint answers and what its subscriptions are sent. A
 * service without alerts has none.
 */
public interface AlertSource {

    /** The kinds of alert this service's record gives. */
    Set<Alerts.Kind> kinds();

    /** The alerts of the State ({@code iso3}), or of every State if null, firing in the period asked. */
    Stream<Alert> firing(String iso3, AlertsAsked asked, Instant knownAt);
}
