package org.treatyregistry.contract.meetings;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/** An organisation of mine victims and survivors, based in {@code iso3}, took part in a Convention meeting (5.3). */
public record SurvivorOrganisationAttended(String iso3, String organisation, String meeting,
                                           LocalDate meetingStartedOn, String sourceReference) implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return meetingStartedOn;
    }
}
