package org.treatyregistry.contract.participation;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A State signed the Convention (Art. 15).
 *
 * @param signatureDate null when the record shows that the State signed (it ratified) but not on which day
 * @param signedBy      the signature date, or when that is unknown the latest date by which the State had
 *                      certainly signed (its deposit, and no later than 1 March 1999)
 */
public record TreatySigned(String iso3, String stateName, LocalDate signatureDate, LocalDate signedBy,
                           String sourceReference) implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return signedBy;
    }
}
