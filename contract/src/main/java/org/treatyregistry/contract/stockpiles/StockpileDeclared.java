package org.treatyregistry.contract.stockpiles;

import java.time.LocalDate;

/** A State declared stockpiled anti-personnel mines it owns or holds (Art. 7.1 (b)), by type and lot. */
public record StockpileDeclared(String iso3, LocalDate declaredOn, String mineType, long quantity, String lot,
                                String sourceReference) implements StockpileFact {

    @Override
    public LocalDate effectiveDate() {
        return declaredOn;
    }
}
