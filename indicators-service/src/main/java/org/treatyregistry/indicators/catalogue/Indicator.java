package org.treatyregistry.indicators.catalogue;

/**
 * One indicator of the Siem Reap-Angkor Action Plan 2025-2029, as adopted.
 *
 * @param id           normalised: {@code 13.1} where the extracted text prints {@code 131}, {@code 11.1} for
 *                     {@code II.1}; a single indicator of an Action is the Action's number ({@code 2})
 * @param publishedAs  the identifier as the extracted text prints it
 * @param population   what it is measured over (see {@link Population})
 * @param computedFrom the records it is computed from, separated by {@code ;}
 * @param duplicateOf  the indicator whose wording this one repeats (46.1 repeats 42.2, 25.1 repeats 21.1)
 */
public record Indicator(String id, int action, String publishedAs, Kind kind, Population population,
                        String populationOf, String computedFrom, String duplicateOf, String note, String wording) {

    public enum Kind { PERCENTAGE, NUMBER, OTHER }

    public enum Population {
        ALL_STATES_PARTIES(true),
        AFFECTED_STATES_PARTIES(true),
        IMPLEMENTING_ARTICLE_4(true),
        MISSED_ARTICLE_4_DEADLINE(true),
        RETAINING_UNDER_ARTICLE_3(true),
        WITH_ARTICLE_3_4_5_OBLIGATIONS(true),
        PROVIDING_ASSISTANCE(true),
        STATES_NOT_PARTY(false),
        ALL_STATES(false),
        EXTENSION_REQUESTS(false),
        MEETING_PARTICIPANTS(false),
        UNGA_VOTES(false),
        /** "these States Parties": the States counted by another indicator ({@code populationOf}) */
        COUNTED_BY_ANOTHER_INDICATOR(false);

        private final boolean ofStatesParties;

        Population(boolean ofStatesParties) {
            this.ofStatesParties = ofStatesParties;
        }

        /** Made of States Parties on the day populations are taken; the others are not computed as populations. */
        public boolean ofStatesParties() {
            return ofStatesParties;
        }
    }
}
