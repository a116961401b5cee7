package org.treatyregistry.contract.finance;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/** A State made a voluntary financial contribution to the Implementation Support Unit (10.2). */
public record VoluntaryContributionMade(String iso3, LocalDate madeOn, long amount, String currency,
                                        String sourceReference) implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return madeOn;
    }
}
