package org.treatyregistry.contract.obligations;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A previously unknown mined area was found (Siem Reap-Angkor Action Plan, Action 21). After a State declared
 * completion its Article 5 obligation reopens; in a State with no obligation on record it creates one; while the
 * obligation runs, the area is added to it. Where the deadline that would cover it has passed, none applies until
 * the States Parties decide one.
 */
public record PreviouslyUnknownMinedAreaFound(String iso3, String foundOn, String sourceConflict,
                                              String sourceReference) implements StateEvent {

    public PartialDate found() {
        return PartialDate.parse(foundOn);
    }

    @Override
    public LocalDate effectiveDate() {
        return found().certainBy();
    }
}
