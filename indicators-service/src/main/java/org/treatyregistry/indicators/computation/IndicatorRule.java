package org.treatyregistry.indicators.computation;

import java.util.Map;
import java.util.Optional;
import org.treatyregistry.indicators.catalogue.Indicator;

/**
 * How one family of the Action Plan's indicators is counted: one class per family, each registering its indicators
 * by catalogue id, collected in {@link IndicatorComputations#RULES}.
 */
interface IndicatorRule {

    /** One indicator's count for an indicator year, or empty while it awaits its records: no records is not zero. */
    @FunctionalInterface
    interface Counting {
        Optional<Count> count(Indicator indicator, int year, World world);
    }

    /** The family's indicators, by catalogue id, each with how it is counted. */
    Map<String, Counting> indicators();

    /** How the family counts the indicator, if it is one of the family's. */
    default Optional<Counting> countingOf(Indicator indicator) {
        return Optional.ofNullable(indicators().get(indicator.id()));
    }
}
