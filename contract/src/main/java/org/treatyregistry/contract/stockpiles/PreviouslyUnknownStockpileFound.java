package org.treatyregistry.contract.stockpiles;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A State found stockpiled mines it did not know it held, improvised ones included: Action 15 has them destroyed
 * no later than six months after {@code foundOn}.
 */
public record PreviouslyUnknownStockpileFound(String iso3, LocalDate foundOn, String mineType, long quantity,
                                              boolean improvised, String sourceReference) implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return foundOn;
    }
}
