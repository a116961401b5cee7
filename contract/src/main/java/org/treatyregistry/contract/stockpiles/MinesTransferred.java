package org.treatyregistry.contract.stockpiles;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/** Stockpiled mines transferred for the purpose of destruction (Art. 3.2): they leave the State's stock. */
public record MinesTransferred(String iso3, LocalDate transferredOn, String mineType, long quantity,
                               String recipient, String sourceReference) implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return transferredOn;
    }
}
