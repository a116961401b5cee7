package org.treatyregistry.contract.landrelease;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/**
 * Land of one hazardous area released (Action 22, IMAS land release): cancelled through non-technical survey,
 * reduced through technical survey, or cleared; {@code minesDestroyed} counts the mines found and destroyed.
 */
public record LandReleased(String iso3, String areaId, LocalDate releasedOn, Method method, long m2,
                           long minesDestroyed, String sourceReference) implements StateEvent {

    public enum Method { CANCELLED, REDUCED, CLEARED }

    @Override
    public LocalDate effectiveDate() {
        return releasedOn;
    }
}
