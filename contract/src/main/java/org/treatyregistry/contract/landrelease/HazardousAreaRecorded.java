package org.treatyregistry.contract.landrelease;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A hazardous area entered a State's record of contamination (IMAS): suspected (SHA) or confirmed (CHA), its size
 * and what it is contaminated with. {@code foundAfterCompletion} marks an area found after the State had declared
 * Article 5 complete (Action 21). {@code areaId} is the State's own identifier, unique within the State.
 */
public record HazardousAreaRecorded(String iso3, String areaId, LocalDate identifiedOn, AreaStatus status,
                                    long sizeM2, Contamination contamination, boolean foundAfterCompletion,
                                    String sourceReference) implements StateEvent {

    public enum AreaStatus { SUSPECTED, CONFIRMED }

    /** IMAS: conventional anti-personnel mines, anti-personnel mines of an improvised nature, or both. */
    public enum Contamination { AP_MINES, IMPROVISED_AP_MINES, MIXED }

    @Override
    public LocalDate effectiveDate() {
        return identifiedOn;
    }
}
