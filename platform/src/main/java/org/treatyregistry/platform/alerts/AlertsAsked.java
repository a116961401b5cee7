package org.treatyregistry.platform.alerts;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.treatyregistry.convention.alerts.Alerts;
import org.treatyregistry.convention.alerts.Alerts.Alert;
import org.treatyregistry.platform.web.AtomFeed;
import org.treatyregistry.platform.web.Csv;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;
import org.treatyregistry.platform.web.Reading;

/**
 * What a request for alerts asks, as every service's alerts endpoint reads it: those fired from {@code from}
 * (default 30 days before the reading's {@code asOf}) to {@code asOf}, deadlines warned of {@code daysAhead} days
 * before (default 90 and 30). Refused with a problem before anything is read when it asks for nothing sensible.
 */
public record AlertsAsked(LocalDate from, LocalDate to, List<Integer> daysAhead) {


    /** Further ahead than the longest deadline runs (Art. 5: ten years) warns of nothing a State can act on. */
    public static final int MAX_DAYS_AHEAD = 3_650;

    public static AlertsAsked of(LocalDate from, List<Integer> daysAhead, Reading reading) {
        LocalDate to = reading.asOf();
        LocalDate since = from == null ? to.minusDays(30) : from;
        if (since.isAfter(to)) {
            throw new ProblemException(Problems.of(HttpStatus.BAD_REQUEST, "bad-period", "Period ends before it "
                    + "starts", "from (" + since + ") is after asOf (" + to + "): ask for the alerts fired from a "
                    + "date up to a later one."));
        }
        List<Integer> ahead = daysAhead == null || daysAhead.isEmpty() ? Alerts.DEFAULT_DAYS_AHEAD : daysAhead;
        for (Integer days : ahead) {
            if (days == null || days < 1 || days > MAX_DAYS_AHEAD) {
                throw new ProblemException(Problems.of(HttpStatus.BAD_REQUEST, "bad-days-ahead",
                        "Days ahead out of range", "daysAhead " + days + " is not between 1 and " + MAX_DAYS_AHEAD
                                + ": give the days before a deadline to be warned, e.g. daysAhead=90,30."));
            }
        }
        return new AlertsAsked(since, to, List.copyOf(ahead));
    }

    /** One alert as a CSV row: the events it rests on separated by spaces. */
    record Row(String id, Alerts.Kind kind, String iso3, LocalDate firesOn, LocalDate date, Integer daysAhead,
               String rule, String restsOn) {
    }

    /**
     * The alerts as an Atom feed: each entry's id is the alert's own, so an alert seen once is not shown again, and
     * links to the State's page in the console on the alert's date.
     */
    public static String atom(List<Alert> alerts, String service, String self, LocalDate asOf) {
        return AtomFeed.write(AtomFeed.TAG + "alerts/" + service + self, "Treaty Registry: alerts of the " + service
                + " service", self, asOf.atStartOfDay().toInstant(ZoneOffset.UTC),
                alerts.stream().map(AlertsAsked::entry).toList());
    }

    /** One alert as a feed's entry. */
    public static AtomFeed.Entry entry(Alert alert) {
        return new AtomFeed.Entry(AtomFeed.TAG + "alert/" + alert.id(), alert.iso3() + ": " + alert.kind().name()
                .toLowerCase(Locale.ROOT).replace('_', ' ') + ", " + alert.date() + (alert.daysAhead() == null ? ""
                : " (in " + alert.daysAhead() + " days)"), alert.firesOn().atStartOfDay().toInstant(ZoneOffset.UTC),
                "/#/state/" + alert.iso3() + "?asOf=" + alert.firesOn(), alert.rule(), alert.kind().name(), null);
    }

    public static String csv(List<Alert> alerts) {
        return Csv.of(Row.class, alerts.stream().map(a -> new Row(a.id(), a.kind(), a.iso3(), a.firesOn(), a.date(),
                a.daysAhead(), a.rule(), String.join(" ", a.restsOn()))).toList());
    }
}
