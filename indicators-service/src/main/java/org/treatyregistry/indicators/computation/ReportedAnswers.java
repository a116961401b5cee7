package org.treatyregistry.indicators.computation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.treatyregistry.contract.reports.ReportContent;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.indicators.catalogue.Indicator;

/**
 * The indicators answered in the Article 7 reports (SRAAP section 5: about 90 of the 106): over the indicator's
 * population, the States whose report for the year before says what it asks. 47 and 48 read the report's content;
 * every other indicator read from the answers reads its own answer (decision 0009).
 */
final class ReportedAnswers implements IndicatorRule {

    private static final String ANSWERS = "ARTICLE7_ANSWERS";

    @Override
    public Map<String, Counting> indicators() {
        return Map.of(
                "47", (indicator, year, world) -> reported(indicator, year, world,
                        r -> r.content().informsOnImplementation()),
                "48", (indicator, year, world) -> reported(indicator, year, world,
                        r -> nationalMeasures(r.content())));
    }

    /** 47, 48, and any other indicator computed from the answers, by its own id. */
    @Override
    public Optional<Counting> countingOf(Indicator indicator) {
        return IndicatorRule.super.countingOf(indicator).or(() -> indicator.computedFrom().contains(ANSWERS)
                ? Optional.of((i, year, world) -> reported(i, year, world, r -> answersYes(r.answers().get(i.id()))))
                : Optional.empty());
    }

    /** An answer counts if it is "yes" or a positive number. */
    static boolean answersYes(String answer) {
        return answer != null && (answer.equalsIgnoreCase("yes") || answer.matches("\\d+(\\.\\d+)?")
                && Double.parseDouble(answer) > 0);
    }

    /** Art. 9 fulfilled: legislation adopted, or existing law deemed sufficient. */
    private static boolean nationalMeasures(ReportContent content) {
        return content.nationalMeasures() == ReportContent.NationalMeasures.LEGISLATION_ADOPTED
                || content.nationalMeasures() == ReportContent.NationalMeasures.EXISTING_LAW_SUFFICIENT;
    }

    /**
     * The States of the population whose report for the year (as it read on {@code asOf}, amendments included)
     * says what the indicator asks. Covered: the members whose report for the year is on record with its content.
     * Where the population itself is read from the reports (stockpiles held, mines retained), a State whose report
     * is not on record may belong to it: the coverage is then that of all States Parties' reports.
     */
    private static Optional<Count> reported(Indicator indicator, int year, World world,
                                            Predicate<ReportingRecord.Submitted> says) {
        return Populations.of(indicator.population(), world, year).map(population -> {
            boolean fromReports = Populations.readFromReports(indicator.population());
            Indicator.Population covered = fromReports ? Indicator.Population.ALL_STATES_PARTIES
                    : indicator.population();
            IndicatorValue.Coverage coverage = world.shared("coverage|" + fromReports + covered + "|" + year, () -> {
                String period = String.valueOf(year - 1);
                Map<String, List<String>> base = fromReports
                        ? Populations.of(covered, world, year).orElseThrow() : population;
                int onRecord = (int) base.keySet().stream().filter(iso3 -> world.reportOf(iso3, period).isPresent())
                        .count();
                return new IndicatorValue.Coverage("reports for " + period + " with their content"
                        + (fromReports ? ", of all States Parties (they say who is in the population)" : ""),
                        onRecord, base.size());
            });
            return countReported(population, year, world, says).covering(coverage);
        });
    }

    private static Count countReported(Map<String, List<String>> population, int year, World world,
                                       Predicate<ReportingRecord.Submitted> says) {
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        List<String> notCounted = new ArrayList<>();
        population.forEach((iso3, why) -> {
            Optional<ReportingRecord.Submitted> report = world.reportOf(iso3, String.valueOf(year - 1)).filter(says);
            if (report.isPresent()) {
                List<String> evidence = new ArrayList<>(why);
                evidence.add(report.get().contentEventId());
                counted.add(new IndicatorValue.Counted(iso3, evidence));
            } else {
                notCounted.add(iso3);
            }
        });
        return new Count(counted, notCounted, population.size(), "from the reports for " + (year - 1)
                + ", due by 30 April " + year + ", as they read on " + world.asOf());
    }
}
