package org.treatyregistry.contract.obligations;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/** A State declared that it completed the destruction of all anti-personnel mines in mined areas (Art. 5). */
public record ClearanceCompleted(String iso3, String completedOn, String sourceReference) implements StateEvent {

    public PartialDate completed() {
        return PartialDate.parse(completedOn);
    }

    @Override
    public LocalDate effectiveDate() {
        return completed().certainBy();
    }
}
