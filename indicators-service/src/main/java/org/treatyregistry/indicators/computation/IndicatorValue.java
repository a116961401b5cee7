package org.treatyregistry.indicators.computation;

import java.util.List;

/**
 * An indicator's value for a year, with what it rests on: the States (or requests) counted, each with the events
 * its inclusion rests on, those of the population not counted, and the change against the 2025 baseline.
 *
 * @param status     {@code COMPUTED}, or {@code AWAITING_DATA} with {@code awaiting} naming the records it needs
 * @param value      the count, or the percentage of {@code denominator}; null unless computed
 * @param baseline   the value for 2025 (SRAAP section 5: data in reports due by 30 April 2025)
 */
public record IndicatorValue(String id, int year, String status, Double value, Integer numerator,
                             Integer denominator, List<Counted> counted, List<String> notCounted, Double baseline,
                             Double changeFromBaseline, String awaiting, String note) {

    /** One State (or request) counted, and the events its inclusion rests on. */
    public record Counted(String iso3, List<String> eventIds) {
    }

    static IndicatorValue awaiting(String id, int year, String records) {
        return new IndicatorValue(id, year, "AWAITING_DATA", null, null, null, List.of(), List.of(), null, null,
                records, "computed once these records are in the system");
    }
}
