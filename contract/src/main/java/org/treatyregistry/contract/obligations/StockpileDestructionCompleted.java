package org.treatyregistry.contract.obligations;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/** A State completed the destruction of its stockpiled anti-personnel mines (Art. 4). */
public record StockpileDestructionCompleted(String iso3, String completedOn, String sourceReference)
        implements StateEvent {

    public PartialDate completed() {
        return PartialDate.parse(completedOn);
    }

    @Override
    public LocalDate effectiveDate() {
        return completed().certainBy();
    }
}
