package org.treatyregistry.indicators.computation;

import java.time.LocalDate;
import java.util.List;

/**
 * An indicator's value for a year, with what it rests on: the States (or requests) counted, each with the events
 * its inclusion rests on, those of the population not counted, how much of the population the record can answer
 * for, and the change against the 2025 baseline. Made by {@link #measured}, {@link #awaiting} or
 * {@link #notBegun}.
 *
 * @param value          the count, or the percentage of {@code denominator}; null while awaiting data
 * @param coverage       what the indicator reads and how many of its population have it on record
 * @param baseline       the value for 2025 (SRAAP section 5: data in reports due by 30 April 2025)
 * @param baselineStatus the status of the 2025 value: a change against a partial baseline is partial too
 */
public record IndicatorValue(String id, int year, Status status, Double value, Integer numerator,
                             Integer denominator, Coverage coverage, List<Counted> counted, List<String> notCounted,
                             Double baseline, Status baselineStatus, Double changeFromBaseline, String awaiting,
                             String note) {

    public enum Status {
        /** every member of the population has what the indicator reads on record */
        COMPUTED,
        /** some do: the value counts only what is on record, a lower bound, never a complete value */
        PARTIAL,
        /** none do, or nothing of its kind is recorded; {@code awaiting} names the records it needs */
        AWAITING_DATA,
        /** the year has not begun on the reading's date: no value, which is not zero */
        NOT_BEGUN
    }

    /** One State (or request) counted, and the events its inclusion rests on. */
    public record Counted(String iso3, List<String> eventIds) {
    }

    /**
     * What the value reads, and for how many of its population it is on record ("reports for 2024 on record: 0
     * of 36"). {@code onRecord} and {@code of} are null where the record is complete by its nature (the registry's
     * deposits and completions: the Depositary's record) or counts records, not a population.
     */
    public record Coverage(String reads, Integer onRecord, Integer of) {

        static Coverage complete(String reads) {
            return new Coverage(reads, null, null);
        }

        /** The status the coverage allows: none on record awaits data, some is partial. */
        Status status() {
            if (of == null || of == 0 || onRecord.equals(of)) {
                return Status.COMPUTED;
            }
            return onRecord == 0 ? Status.AWAITING_DATA : Status.PARTIAL;
        }

        @Override
        public String toString() {
            return onRecord == null ? reads : reads + " on record: " + onRecord + " of " + of;
        }
    }

    /** The baseline year's value (null while it awaits data) and its status. */
    record Baseline(Double value, Status status) {
    }

    /** A value computed from what is on record, and its change against the baseline's. */
    static IndicatorValue measured(String id, int year, Count count, Status status, Double value, Baseline baseline,
                                   String note) {
        Double change = value == null || baseline.value() == null ? null
                : Math.round((value - baseline.value()) * 10) / 10.0;
        return new IndicatorValue(id, year, status, value, count.count(), count.population(),
                count.coverage(), count.counted(), count.notCounted(), baseline.value(), baseline.status(), change,
                null, note);
    }

    /** No value until the records it needs are in the system. */
    static IndicatorValue awaiting(String id, int year, String records, Coverage coverage) {
        return new IndicatorValue(id, year, Status.AWAITING_DATA, null, null, null, coverage, List.of(), List.of(),
                null, null, null, coverage == null ? records : coverage + "; needs " + records,
                "computed once these records are in the system: no records is not zero");
    }

    /** A year not begun on the reading's date has no value yet: nothing has happened in it. */
    static IndicatorValue notBegun(String id, int year, LocalDate asOf) {
        return new IndicatorValue(id, year, Status.NOT_BEGUN, null, null, null, null, List.of(), List.of(), null,
                null, null, null, year + " has not begun on " + asOf + ": no value, which is not zero");
    }
}
