package org.treatyregistry.contract.stockpiles;

import java.time.LocalDate;

/** Stockpiled mines transferred for the purpose of destruction (Art. 3.2): they leave the State's stock. */
public record MinesTransferred(String iso3, LocalDate transferredOn, String mineType, long quantity,
                               String recipient, String sourceReference) implements StockpileFact {

    @Override
    public LocalDate effectiveDate() {
        return transferredOn;
    }
}
