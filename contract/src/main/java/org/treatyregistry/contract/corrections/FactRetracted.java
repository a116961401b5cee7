package org.treatyregistry.contract.corrections;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A recorded fact was found wrong: from now on it no longer counts. A correction is this retraction followed,
 * in the same commit, by the right fact; nothing recorded is ever edited or deleted.
 *
 * @param retractedEventId the id of the event found wrong
 * @param retractedOn      the date the correction was recorded
 */
public record FactRetracted(String iso3, String retractedEventId, String reason, LocalDate retractedOn)
        implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return retractedOn;
    }
}
