package org.treatyregistry.contract.obligations;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A State declared that it completed the destruction of all anti-personnel mines in mined areas (Art. 5).
 *
 * @param completedOn as precise as the record is; null when only the meeting it was declared at is known
 * @param inForceFrom computed by the registry: {@code completedOn} (its last day when partial), else the
 *                    meeting's last day
 */
public record ClearanceCompleted(String iso3, String completedOn, String meeting, LocalDate inForceFrom,
                                 String sourceConflict, String sourceReference) implements StateEvent {

    public PartialDate completed() {
        return completedOn == null ? null : PartialDate.parse(completedOn);
    }

    @Override
    public LocalDate effectiveDate() {
        return inForceFrom;
    }
}
