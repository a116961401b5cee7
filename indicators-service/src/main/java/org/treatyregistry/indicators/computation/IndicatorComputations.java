package org.treatyregistry.indicators.computation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.treatyregistry.contract.obligations.ClearanceCompleted;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.convention.participation.Fact;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.indicators.catalogue.Indicator;

/**
 * The Action Plan's indicators that follow from the registry's facts, computed for a calendar year from every
 * State's history (pure: no framework). The others wait for the records they rest on (Article 7 answers,
 * meeting participation, contributions, votes), which the reporting and indicators events will bring.
 */
public final class IndicatorComputations {

    /** SRAAP section 5: the baseline is the data of 2025. */
    public static final int BASELINE_YEAR = 2025;

    private static final Map<String, BiFunction<List<StateHistory>, Integer, Count>> FROM_REGISTRY = Map.of(
            "11.2", IndicatorComputations::newRatificationsAndAccessions,
            "24.1", IndicatorComputations::completionsDeclared);

    private IndicatorComputations() {
    }

    public static IndicatorValue compute(Indicator indicator, int year, List<StateHistory> histories) {
        BiFunction<List<StateHistory>, Integer, Count> count = FROM_REGISTRY.get(indicator.id());
        if (count == null) {
            return IndicatorValue.awaiting(indicator.id(), year, indicator.computedFrom());
        }
        Count now = count.apply(histories, year);
        double baseline = count.apply(histories, BASELINE_YEAR).counted().size();
        double value = now.counted().size();
        return new IndicatorValue(indicator.id(), year, "COMPUTED", value, now.counted().size(), null,
                now.counted(), List.of(), baseline, value - baseline, null, now.note());
    }

    record Count(List<IndicatorValue.Counted> counted, String note) {
    }

    /** 11.2, first count: instruments of ratification, acceptance, approval, accession or succession deposited in the year. */
    private static Count newRatificationsAndAccessions(List<StateHistory> histories, int year) {
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        for (StateHistory history : histories) {
            for (Fact fact : history.facts()) {
                if (fact.event() instanceof InstrumentDeposited deposit && deposit.deposit().year() == year) {
                    counted.add(new IndicatorValue.Counted(history.iso3(), List.of(fact.eventId())));
                }
            }
        }
        return new Count(counted, "first of the indicator's two counts; the second (voluntary Article 7 reports "
                + "by States not party) awaits the reporting service's report facts");
    }

    /** 24.1: affected States Parties that declared completion of their Article 5 obligations in the year. */
    private static Count completionsDeclared(List<StateHistory> histories, int year) {
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        for (StateHistory history : histories) {
            List<String> evidence = history.facts().stream()
                    .filter(f -> f.event() instanceof ClearanceCompleted c && c.inForceFrom().getYear() == year
                            && history.isBoundOn(c.inForceFrom()))
                    .map(Fact::eventId).toList();
            if (!evidence.isEmpty()) {
                counted.add(new IndicatorValue.Counted(history.iso3(), evidence));
            }
        }
        return new Count(counted, null);
    }
}
