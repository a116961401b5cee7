package org.treatyregistry.indicators.computation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.treatyregistry.indicators.catalogue.Indicator;

/**
 * The Action Plan's indicators computed for an indicator year from the recorded facts (pure: no framework).
 * Year Y reads the Article 7 reports due by 30 April Y, covering Y - 1, and measures populations on that day
 * (SRAAP section 5: the 2025 baseline is the data in reports due by 30 April 2025). Registry counts (11.2,
 * 24.1) and the indicators' own records (meetings, contributions, votes, moratoria, assessments of extension
 * requests) are of the calendar year.
 */
public final class IndicatorComputations {

    /** SRAAP section 5: the baseline is the data of 2025. */
    public static final int BASELINE_YEAR = 2025;

    /**
     * Every family's rule; the first that counts an indicator counts it. {@link ReportedAnswers} is last: it counts
     * any indicator read from the Article 7 answers that no other family counts. An indicator no rule counts
     * awaits its records.
     */
    static final List<IndicatorRule> RULES = List.of(new ReportsOnTime(), new InstrumentsDeposited(),
            new StockpileFinds(), new Completions(), new MeetingParticipation(), new Contributions(),
            new Universalization(), new ExtensionRequestAssessments(), new ReportedAnswers());

    private IndicatorComputations() {
    }

    /**
     * The value, as complete as the record allows: {@code AWAITING_DATA} when nothing it reads is on record for
     * its population, {@code PARTIAL} when only some of it is (the value then counts what is on record). Legal time
     * is the reading's date: a year not begun on it has no value ({@code NOT_BEGUN}: not zero), and a year not over
     * on it is counted to that date, so {@code PARTIAL} at best.
     */
    public static IndicatorValue compute(Indicator indicator, int year, World world) {
        LocalDate asOf = world.asOf();
        if (year > asOf.getYear()) {
            return IndicatorValue.notBegun(indicator.id(), year, asOf);
        }
        Optional<Count> found = count(indicator, year, world);
        if (found.isEmpty() || found.get().status() == IndicatorValue.Status.AWAITING_DATA) {
            return IndicatorValue.awaiting(indicator.id(), year, indicator.computedFrom(),
                    found.map(Count::coverage).orElse(null));
        }
        Count now = found.get();
        Optional<Count> base = BASELINE_YEAR > asOf.getYear() ? Optional.empty()
                : year == BASELINE_YEAR ? found : count(indicator, BASELINE_YEAR, world);
        IndicatorValue.Status baselineStatus = base.map(b -> toDate(b.status(), BASELINE_YEAR, asOf))
                .orElse(IndicatorValue.Status.AWAITING_DATA);
        Double baseline = baselineStatus == IndicatorValue.Status.AWAITING_DATA ? null : value(indicator, base.get());
        String note = now.status() == IndicatorValue.Status.PARTIAL
                ? join("partial: counts only what is on record (" + now.coverage() + ")", now.note()) : now.note();
        if (running(year, asOf)) {
            note = join("the year is not over: counted to " + asOf, note);
        }
        return IndicatorValue.measured(indicator.id(), year, now, toDate(now.status(), year, asOf),
                value(indicator, now), new IndicatorValue.Baseline(baseline, baselineStatus), note);
    }

    /** Whether the year is not over on the date: a reading on 31 December holds the whole of that day. */
    private static boolean running(int year, LocalDate asOf) {
        return asOf.isBefore(LocalDate.of(year, 12, 31));
    }

    /** A year still running is counted to the reading's date: complete at best to that date, so partial. */
    private static IndicatorValue.Status toDate(IndicatorValue.Status status, int year, LocalDate asOf) {
        return running(year, asOf) && status == IndicatorValue.Status.COMPUTED ? IndicatorValue.Status.PARTIAL
                : status;
    }

    private static String join(String a, String b) {
        return b == null ? a : a + "; " + b;
    }

    private static Double value(Indicator indicator, Count count) {
        if (indicator.kind() != Indicator.Kind.PERCENTAGE) {
            return (double) count.count();
        }
        return count.population() == null || count.population() == 0 ? null
                : Math.round(1000.0 * count.count() / count.population()) / 10.0;
    }

    private static Optional<Count> count(Indicator indicator, int year, World world) {
        return RULES.stream().flatMap(rule -> rule.countingOf(indicator).stream()).findFirst()
                .flatMap(counting -> counting.count(indicator, year, world));
    }
}
