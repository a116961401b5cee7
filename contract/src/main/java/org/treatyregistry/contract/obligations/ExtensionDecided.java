package org.treatyregistry.contract.obligations;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A Meeting of the States Parties or a Review Conference decided an extension request (Art. 5.5): granted with
 * {@code newDeadline}, or refused.
 *
 * @param meeting   the deciding meeting's code, e.g. {@code 22MSP} or {@code RC5}
 * @param decidedOn as precise as the record is
 */
public record ExtensionDecided(String iso3, String requestId, String meeting, String decidedOn, boolean granted,
                               LocalDate newDeadline, String sourceReference) implements StateEvent {

    public PartialDate decided() {
        return PartialDate.parse(decidedOn);
    }

    @Override
    public LocalDate effectiveDate() {
        return decided().certainBy();
    }
}
