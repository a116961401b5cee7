package org.treatyregistry.contract.obligations;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A previously unknown mined area was found after a State declared completion: its Article 5 obligation reopens
 * until a new deadline is decided (Siem Reap-Angkor Action Plan, Action 21).
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
