package org.treatyregistry.contract.participation;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/** The armed conflict a State was engaged in ended (Art. 20.3). */
public record ArmedConflictEnded(String iso3, LocalDate endedOn, String sourceReference) implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return endedOn;
    }
}
