package org.treatyregistry.contract.obligations;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/** A State requested an extension of its Article 5 deadline (Art. 5.3-5.4). {@code requestId} names it. */
public record ExtensionRequested(String iso3, String requestId, String submittedOn, LocalDate requestedDeadline,
                                 String sourceReference) implements StateEvent {

    public PartialDate submitted() {
        return PartialDate.parse(submittedOn);
    }

    @Override
    public LocalDate effectiveDate() {
        return submitted().certainBy();
    }
}
