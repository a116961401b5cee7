package org.treatyregistry.contract.stockpiles;

import java.time.LocalDate;

/**
 * A State found stockpiled mines it did not know it held, improvised ones included: Action 15 has them destroyed
 * no later than six months after {@code foundOn}.
 */
public record PreviouslyUnknownStockpileFound(String iso3, LocalDate foundOn, String mineType, long quantity,
                                              boolean improvised, String sourceReference) implements StockpileFact {

    @Override
    public LocalDate effectiveDate() {
        return foundOn;
    }
}
