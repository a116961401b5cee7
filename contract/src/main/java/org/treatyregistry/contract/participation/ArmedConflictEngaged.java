package org.treatyregistry.contract.participation;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A State is engaged in an armed conflict (from {@code since}); under Art. 20.3 a withdrawal that would take
 * effect meanwhile does not take effect before the end of the conflict.
 */
public record ArmedConflictEngaged(String iso3, String since, String sourceReference) implements StateEvent {

    public PartialDate start() {
        return PartialDate.parse(since);
    }

    @Override
    public LocalDate effectiveDate() {
        return start().certainBy();
    }
}
