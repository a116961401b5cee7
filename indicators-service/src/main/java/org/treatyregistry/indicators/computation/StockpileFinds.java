package org.treatyregistry.indicators.computation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.treatyregistry.contract.stockpiles.PreviouslyUnknownStockpileFound;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.convention.reporting.StockpileLedger;
import org.treatyregistry.indicators.catalogue.Indicator;

/** Action 15: previously unknown stockpiles found, and destroyed within six months (Art. 4). */
final class StockpileFinds implements IndicatorRule {

    @Override
    public Map<String, Counting> indicators() {
        return Map.of(
                "15.1", (indicator, year, world) -> Optional.of(stockpilesFound(year, world)),
                "15.2", (indicator, year, world) -> Optional.of(stockpilesFoundDestroyedInSixMonths(year, world)));
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

    /** Finds are what the reports for the year record, so their coverage is the reports'. */
    private static IndicatorValue.Coverage reportsOfStatesParties(int year, World world) {
        Map<String, List<String>> parties = Populations.of(Indicator.Population.ALL_STATES_PARTIES, world, year)
                .orElseThrow();
        String period = String.valueOf(year - 1);
        int onRecord = (int) parties.keySet().stream().filter(iso3 -> world.reportOf(iso3, period).isPresent())
                .count();
        return new IndicatorValue.Coverage("reports for " + period + " of the States Parties, with their content",
                onRecord, parties.size());
    }
}
