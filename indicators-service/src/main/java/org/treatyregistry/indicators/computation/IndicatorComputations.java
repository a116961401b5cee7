package org.treatyregistry.indicators.computation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.treatyregistry.contract.obligations.ClearanceCompleted;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.reports.ReportContent;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.contract.stockpiles.PreviouslyUnknownStockpileFound;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.Article7;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.convention.reporting.StockpileLedger;
import org.treatyregistry.indicators.catalogue.Indicator;

/**
 * The Action Plan's indicators computed for an indicator year from the recorded facts (pure: no framework).
 * Year Y reads the Article 7 reports due by 30 April Y, covering Y - 1, and measures populations on that day
 * (SRAAP section 5: the 2025 baseline is the data in reports due by 30 April 2025). Registry counts (11.2,
 * 24.1) and the indicators' own records (meetings, contributions, votes, moratoria, assessments of extension
 * requests: {@link RecordComputations}) are of the calendar year.
 */
public final class IndicatorComputations {

    /** SRAAP section 5: the baseline is the data of 2025. */
    public static final int BASELINE_YEAR = 2025;

    private static final String ANSWERS = "ARTICLE7_ANSWERS";

    private IndicatorComputations() {
    }

    /**
     * What an indicator counts: the States (with evidence), the rest of its population, its size, and how much of
     * the population has what the indicator reads on record.
     */
    record Count(List<IndicatorValue.Counted> counted, List<String> notCounted, Integer population,
                 Integer numerator, String note, IndicatorValue.Coverage coverage) {

        Count(List<IndicatorValue.Counted> counted, List<String> notCounted, Integer population, Integer numerator,
              String note) {
            this(counted, notCounted, population, numerator, note, null);
        }

        Count(List<IndicatorValue.Counted> counted, List<String> notCounted, Integer population, String note) {
            this(counted, notCounted, population, null, note);
        }

        Count covering(IndicatorValue.Coverage by) {
            return new Count(counted, notCounted, population, numerator, note, by);
        }

        String status() {
            return coverage == null ? IndicatorValue.COMPUTED : coverage.status();
        }

        /** What is counted: the States (or requests), unless the indicator counts something else (people). */
        int count() {
            return numerator != null ? numerator : counted.size();
        }
    }

    /**
     * The value, as complete as the record allows: {@code AWAITING_DATA} when nothing it reads is on record for
     * its population, {@code PARTIAL} when only some of it is (the value then counts what is on record).
     */
    public static IndicatorValue compute(Indicator indicator, int year, World world) {
        Optional<Count> found = count(indicator, year, world);
        if (found.isEmpty() || found.get().status().equals(IndicatorValue.AWAITING_DATA)) {
            return IndicatorValue.awaiting(indicator.id(), year, indicator.computedFrom(),
                    found.map(Count::coverage).orElse(null));
        }
        Count now = found.get();
        Double value = value(indicator, now);
        Optional<Count> base = year == BASELINE_YEAR ? found : count(indicator, BASELINE_YEAR, world);
        String baselineStatus = base.map(Count::status).orElse(IndicatorValue.AWAITING_DATA);
        Double baseline = baselineStatus.equals(IndicatorValue.AWAITING_DATA) ? null
                : value(indicator, base.get());
        String note = now.status().equals(IndicatorValue.PARTIAL)
                ? join("partial: counts only what is on record (" + now.coverage() + ")", now.note()) : now.note();
        return new IndicatorValue(indicator.id(), year, now.status(), value, now.count(), now.population(),
                now.coverage(), now.counted(), now.notCounted(), baseline, baselineStatus,
                value == null || baseline == null ? null : Math.round((value - baseline) * 10) / 10.0, null, note);
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
        return switch (indicator.id()) {
            case "8.1" -> Optional.of(reportsOnTime(year, world));
            case "11.2" -> Optional.of(newRatificationsAndAccessions(year, world));
            case "15.1" -> Optional.of(stockpilesFound(year, world));
            case "15.2" -> Optional.of(stockpilesFoundDestroyedInSixMonths(year, world));
            case "24.1" -> Optional.of(completionsDeclared(year, world));
            case "24.2" -> Optional.of(declarationsOfCompletion(year, world));
            case "47" -> Populations.of(indicator.population(), world, year).map(population ->
                    reported(indicator, population, year, world, r -> r.content().informsOnImplementation()));
            case "48" -> Populations.of(indicator.population(), world, year).map(population ->
                    reported(indicator, population, year, world, r -> nationalMeasures(r.content())));
            default -> indicator.computedFrom().contains(ANSWERS)
                    ? Populations.of(indicator.population(), world, year).map(population -> reported(indicator,
                    population, year, world, r -> answersYes(r.answers().get(indicator.id()))))
                    : RecordComputations.count(indicator.id(), year, world);
        };
    }

    /**
     * The States of the population whose report for the year (as it read on {@code asOf}, amendments included)
     * says what the indicator asks. Covered: the members whose report for the year is on record with its content.
     * Where the population itself is read from the reports (stockpiles held, mines retained), a State whose report
     * is not on record may belong to it: the coverage is then that of all States Parties' reports.
     */
    private static Count reported(Indicator indicator, Map<String, List<String>> population, int year, World world,
                                  java.util.function.Predicate<ReportingRecord.Submitted> says) {
        boolean fromReports = Populations.readFromReports(indicator.population());
        Indicator.Population covered = fromReports ? Indicator.Population.ALL_STATES_PARTIES : indicator.population();
        IndicatorValue.Coverage coverage = world.shared("coverage|" + fromReports + covered + "|" + year, () -> {
            String period = String.valueOf(year - 1);
            Map<String, List<String>> base = fromReports
                    ? Populations.of(covered, world, year).orElseThrow() : population;
            int onRecord = (int) base.keySet().stream().filter(iso3 -> world.reportOf(iso3, period).isPresent())
                    .count();
            return new IndicatorValue.Coverage("reports for " + period + " with their content"
                    + (fromReports ? ", of all States Parties (they say who is in the population)" : ""), onRecord,
                    base.size());
        });
        return countReported(population, year, world, says).covering(coverage);
    }

    private static Count countReported(Map<String, List<String>> population, int year, World world,
                                       java.util.function.Predicate<ReportingRecord.Submitted> says) {
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

    /** 8.1: of the States Parties owing an annual report by 30 April of the year, those that sent it by then. */
    private static Count reportsOnTime(int year, World world) {
        LocalDate due = Populations.reportingDate(year);
        String period = String.valueOf(year - 1);
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        List<String> notCounted = new ArrayList<>();
        int known = 0;
        for (StateHistory history : world.histories()) {
            Optional<Article7.DueReport> owed = Article7.owedBy(history, due).stream()
                    .filter(d -> d.period().equals(period)).findFirst();
            if (owed.isEmpty()) {
                continue;
            }
            ReportingRecord record = world.reportsOf(history.iso3());
            ReportingRecord.Receipt receipt = record.receiptsOn(world.asOf().isAfter(due) ? world.asOf() : due)
                    .get(period);
            boolean onTime = receipt != null && !receipt.received().certainBy().isAfter(due);
            // known: received by the due date, certainly after it, or absent from a record declared complete
            if (onTime || receipt != null && receipt.received().earliest().isAfter(due)
                    || receipt == null && record.completenessDeclaration(period).isPresent()) {
                known++;
            }
            if (onTime) {
                counted.add(new IndicatorValue.Counted(history.iso3(), List.of(owed.get().basisEventId(),
                        receipt.eventId())));
            } else {
                notCounted.add(history.iso3());
            }
        }
        return new Count(counted, notCounted, counted.size() + notCounted.size(),
                "annual reports for " + period + " received by " + due).covering(new IndicatorValue.Coverage(
                "receipts of the reports for " + period + " (or their absence from a record declared complete)", known,
                counted.size() + notCounted.size()));
    }

    /**
     * 11.2, first count: instruments of ratification, acceptance, approval, accession or succession deposited in
     * the calendar year; the second count, voluntary reports by States not party received that year, is in the note.
     */
    private static Count newRatificationsAndAccessions(int year, World world) {
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        for (StateHistory history : world.histories()) {
            for (Fact fact : history.facts()) {
                if (fact.event() instanceof InstrumentDeposited deposit && deposit.deposit().year() == year) {
                    counted.add(new IndicatorValue.Counted(history.iso3(), List.of(fact.eventId())));
                }
            }
        }
        List<String> voluntary = world.reports().values().stream()
                .filter(r -> r.events(ReportSubmitted.class).stream()
                        .anyMatch(s -> s.voluntary() && s.receivedOn().getYear() == year))
                .map(ReportingRecord::iso3).sorted().toList();
        return new Count(counted, List.of(), null, null, "first of the indicator's two counts; second count: "
                + voluntary.size() + " States not party submitted voluntary Article 7 reports in " + year
                + (voluntary.isEmpty() ? "" : " (" + String.join(", ", voluntary) + ")"),
                IndicatorValue.Coverage.complete("instruments deposited in " + year + ", from the registry's record "
                        + "(the Depositary's)"));
    }

    /** 15.1: States Parties whose reports record previously unknown stockpiles found in the year reported on. */
    private static Count stockpilesFound(int year, World world) {
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        for (StateHistory history : world.histories()) {
            List<String> finds = findsIn(world.reportsOf(history.iso3()), year - 1, history, world.asOf());
            if (!finds.isEmpty()) {
                counted.add(new IndicatorValue.Counted(history.iso3(), finds));
            }
        }
        return new Count(counted, List.of(), null, null, "finds dated in " + (year - 1),
                reportsOfStatesParties(year, world));
    }

    /** 15.2: of the States of 15.1, those that destroyed every such find within six months (Action 15). */
    private static Count stockpilesFoundDestroyedInSixMonths(int year, World world) {
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        List<String> notCounted = new ArrayList<>();
        for (IndicatorValue.Counted found : stockpilesFound(year, world).counted()) {
            ReportingRecord record = world.reportsOf(found.iso3());
            List<StockpileLedger.Find> finds = StockpileLedger.finds(record.facts().stream().map(Fact::event)
                    .filter(StockpileLedger::isStockpileFact).toList(), world.asOf()).stream()
                    .filter(f -> f.found().foundOn().getYear() == year - 1).toList();
            if (finds.stream().allMatch(StockpileLedger.Find::metSixMonths)) {
                counted.add(found);
            } else {
                notCounted.add(found.iso3());
            }
        }
        return new Count(counted, notCounted, counted.size() + notCounted.size(), null,
                "destruction within six months of each find, as recorded by " + world.asOf(),
                reportsOfStatesParties(year, world));
    }

    private static List<String> findsIn(ReportingRecord record, int year, StateHistory history, LocalDate asOf) {
        return record.facts().stream().filter(f -> f.event() instanceof PreviouslyUnknownStockpileFound found
                        && found.foundOn().getYear() == year && !found.foundOn().isAfter(asOf)
                        && history.isBoundOn(found.foundOn()))
                .map(Fact::eventId).toList();
    }

    /**
     * 24.2: of the States of 24.1, those that submitted a voluntary Declaration of Completion: a report received
     * by {@code asOf} (usually the one covering the year of completion) answers 24.2.
     */
    private static Count declarationsOfCompletion(int year, World world) {
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        List<String> notCounted = new ArrayList<>();
        int withReports = 0;
        for (IndicatorValue.Counted completed : completionsDeclared(year, world).counted()) {
            ReportingRecord record = world.reportsOf(completed.iso3());
            if (!record.submissionsOn(world.asOf()).isEmpty()) {
                withReports++;
            }
            Optional<String> declaration = record.submissionsOn(world.asOf()).keySet().stream()
                    .map(period -> record.reportOn(period, world.asOf()).orElseThrow())
                    .filter(r -> answersYes(r.answers().get("24.2"))).map(ReportingRecord.Submitted::contentEventId)
                    .findFirst();
            if (declaration.isPresent()) {
                List<String> evidence = new ArrayList<>(completed.eventIds());
                evidence.add(declaration.get());
                counted.add(new IndicatorValue.Counted(completed.iso3(), evidence));
            } else {
                notCounted.add(completed.iso3());
            }
        }
        return new Count(counted, notCounted, counted.size() + notCounted.size(), null, null,
                new IndicatorValue.Coverage("reports received by " + world.asOf() + " with their content",
                        withReports, counted.size() + notCounted.size()));
    }

    /** 15.1, 15.2: finds are what the reports for the year record, so their coverage is the reports'. */
    private static IndicatorValue.Coverage reportsOfStatesParties(int year, World world) {
        Map<String, List<String>> parties = Populations.of(Indicator.Population.ALL_STATES_PARTIES, world, year)
                .orElseThrow();
        String period = String.valueOf(year - 1);
        int onRecord = (int) parties.keySet().stream().filter(iso3 -> world.reportOf(iso3, period).isPresent())
                .count();
        return new IndicatorValue.Coverage("reports for " + period + " of the States Parties, with their content",
                onRecord, parties.size());
    }

    /** 24.1: affected States Parties that declared completion of their Article 5 obligations in the year. */
    private static Count completionsDeclared(int year, World world) {
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        for (StateHistory history : world.histories()) {
            List<String> evidence = history.facts().stream()
                    .filter(f -> f.event() instanceof ClearanceCompleted c && c.inForceFrom().getYear() == year
                            && history.isBoundOn(c.inForceFrom()))
                    .map(Fact::eventId).toList();
            if (!evidence.isEmpty()) {
                counted.add(new IndicatorValue.Counted(history.iso3(), evidence));
            }
        }
        return new Count(counted, List.of(), null, null, null, IndicatorValue.Coverage.complete(
                "completions of Article 5 in " + year + ", from the registry's record"));
    }
}
