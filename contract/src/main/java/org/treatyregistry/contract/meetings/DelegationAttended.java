package org.treatyregistry.contract.meetings;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A State's delegation attended a Convention meeting (formal or informal), with how many delegates and how many
 * of them women (Action 5, indicator 5.4; for States not party, indicator 11.3).
 */
public record DelegationAttended(String iso3, String meeting, LocalDate meetingStartedOn, int delegates, int women,
                                 String sourceReference) implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return meetingStartedOn;
    }
}
