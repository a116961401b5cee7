package org.treatyregistry.contract.participation;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/** A State revoked its notice of withdrawal before the withdrawal took effect. */
public record WithdrawalRevoked(String iso3, LocalDate revokedOn, String sourceReference) implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return revokedOn;
    }
}
