package org.treatyregistry.contract.obligations;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A State requested an extension of its Article 5 deadline (Art. 5.3-5.4). {@code requestId} names it.
 *
 * @param requestedDeadline null when the record does not give it
 * @param sourceConflict    where the sources disagree, what the other sources say; null otherwise
 */
public record ExtensionRequested(String iso3, String requestId, String submittedOn, LocalDate requestedDeadline,
                                 String sourceConflict, String sourceReference) implements StateEvent {

    public PartialDate submitted() {
        return PartialDate.parse(submittedOn);
    }

    @Override
    public LocalDate effectiveDate() {
        return submitted().certainBy();
    }
}
