package org.treatyregistry.indicators.computation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.treatyregistry.contract.StateEvent;

/**
 * What an indicator counts: the States (with evidence), the rest of its population, its size, and how much of the
 * population has what the indicator reads on record.
 */
record Count(List<IndicatorValue.Counted> counted, List<String> notCounted, Integer population, Integer numerator,
             String note, IndicatorValue.Coverage coverage) {

    Count(List<IndicatorValue.Counted> counted, List<String> notCounted, Integer population, Integer numerator,
          String note) {
        this(counted, notCounted, population, numerator, note, null);
    }

    Count(List<IndicatorValue.Counted> counted, List<String> notCounted, Integer population, String note) {
        this(counted, notCounted, population, null, note);
    }

    /** The count once records of its kind are on record for the year, stating how many it rests on. */
    static Optional<Count> ifRecorded(World world, Class<? extends StateEvent> type, int year, Supplier<Count> count) {
        int records = world.recordsIn(type, year).size();
        return records == 0 ? Optional.empty() : Optional.of(count.get().covering(new IndicatorValue.Coverage(
                type.getSimpleName() + " records for " + year + ": " + records, null, null)));
    }

    /** The States counted, each with the events it is counted for; no population. */
    static Count ofStates(Map<String, List<String>> states, String note) {
        return new Count(states.entrySet().stream().map(e -> new IndicatorValue.Counted(e.getKey(), e.getValue()))
                .toList(), List.of(), null, null, note);
    }

    Count covering(IndicatorValue.Coverage by) {
        return new Count(counted, notCounted, population, numerator, note, by);
    }

    IndicatorValue.Status status() {
        return coverage == null ? IndicatorValue.Status.COMPUTED : coverage.status();
    }

    /** What is counted: the States (or requests), unless the indicator counts something else (people). */
    int count() {
        return numerator != null ? numerator : counted.size();
    }
}
