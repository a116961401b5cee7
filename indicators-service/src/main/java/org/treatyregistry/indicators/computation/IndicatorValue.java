package org.treatyregistry.indicators.computation;

import java.util.List;

/**
 * An indicator's value for a year, with what it rests on: the States (or requests) counted, each with the events
 * its inclusion rests on, those of the population not counted, how much of the population the record can answer
 * for, and the change against the 2025 baseline.
 *
 * @param status         {@code COMPUTED} (every member of the population has what the indicator reads on record),
 *                       {@code PARTIAL} (some do: the value counts only what is on record, a lower bound, never a
 *                       complete value), or {@code AWAITING_DATA} (none do, or nothing of its kind is recorded;
 *                       {@code awaiting} names the records it needs)
 * @param value          the count, or the percentage of {@code denominator}; null while awaiting data
 * @param coverage       what the indicator reads and how many of its population have it on record
 * @param baseline       the value for 2025 (SRAAP section 5: data in reports due by 30 April 2025)
 * @param baselineStatus the status of the 2025 value: a change against a partial baseline is partial too
 */
public record IndicatorValue(String id, int year, String status, Double value, Integer numerator,
                             Integer denominator, Coverage coverage, List<Counted> counted, List<String> notCounted,
                             Double baseline, String baselineStatus, Double changeFromBaseline, String awaiting,
                             String note) {

    public static final String COMPUTED = "COMPUTED";
    public static final String PARTIAL = "PARTIAL";
    public static final String AWAITING_DATA = "AWAITING_DATA";

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
        String status() {
            if (of == null || of == 0 || onRecord.equals(of)) {
                return COMPUTED;
            }
            return onRecord == 0 ? AWAITING_DATA : PARTIAL;
        }

        @Override
        public String toString() {
            return onRecord == null ? reads : reads + " on record: " + onRecord + " of " + of;
        }
    }

    static IndicatorValue awaiting(String id, int year, String records, Coverage coverage) {
        return new IndicatorValue(id, year, AWAITING_DATA, null, null, null, coverage, List.of(), List.of(), null, null,
                null, coverage == null ? records : coverage + "; needs " + records,
                "computed once these records are in the system: no records is not zero");
    }
}
