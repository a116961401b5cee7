package org.treatyregistry.contract.stockpiles;

import java.time.LocalDate;

/**
 * Mines destroyed, under Article 4 (from stockpiles: the stock held goes down) or Article 5 (found in mined
 * areas), reported separately as Art. 7.1 (g) asks.
 */
public record MinesDestroyed(String iso3, LocalDate destroyedOn, String mineType, long quantity, int article,
                             String sourceReference) implements StockpileFact {

    @Override
    public LocalDate effectiveDate() {
        return destroyedOn;
    }
}
