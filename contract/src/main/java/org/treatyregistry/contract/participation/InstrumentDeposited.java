package org.treatyregistry.contract.participation;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A State deposited an instrument with the Depositary (Convention Art. 16).
 *
 * @param entryIntoForce         the date the Convention enters into force for the State, computed by the
 *                               registry under Art. 17 when the deposit was recorded, so that consumers do
 *                               not re-implement the rule
 * @param provisionalApplication whether the State declared at deposit that it applies Art. 1.1 pending
 *                               entry into force (Art. 18)
 * @param sourceReference        optional: a depositary notification number or document symbol
 */
public record InstrumentDeposited(
        String iso3,
        String stateName,
        InstrumentType instrumentType,
        LocalDate depositDate,
        LocalDate entryIntoForce,
        boolean provisionalApplication,
        String sourceReference) implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return depositDate;
    }
}
