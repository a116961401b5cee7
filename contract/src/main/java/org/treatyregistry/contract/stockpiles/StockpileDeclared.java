package org.treatyregistry.contract.stockpiles;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/** A State declared stockpiled anti-personnel mines it owns or holds (Art. 7.1 (b)), by type and lot. */
public record StockpileDeclared(String iso3, LocalDate declaredOn, String mineType, long quantity, String lot,
                                String sourceReference) implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return declaredOn;
    }
}
