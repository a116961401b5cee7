package org.treatyregistry.contract.obligations;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A Meeting of the States Parties or a Review Conference decided an extension request (Art. 5.5): granted with
 * {@code newDeadline}, or refused.
 *
 * @param requestId   the request decided; null when the request is not on record (the decision still stands)
 * @param meeting     the deciding meeting's code, e.g. {@code 22MSP} or {@code RC5}; null when not known
 * @param decidedOn   as precise as the record is; null when only the meeting, or nothing, is known
 * @param inForceFrom computed by the registry when recorded: {@code decidedOn} (its last day when partial), else
 *                    the meeting's last day, else the deadline the grant extends (the latest it can have applied)
 */
public record ExtensionDecided(String iso3, String requestId, String meeting, String decidedOn, boolean granted,
                               LocalDate newDeadline, LocalDate inForceFrom, String sourceConflict,
                               String sourceReference) implements StateEvent {

    public PartialDate decided() {
        return decidedOn == null ? null : PartialDate.parse(decidedOn);
    }

    @Override
    public LocalDate effectiveDate() {
        return inForceFrom;
    }
}
