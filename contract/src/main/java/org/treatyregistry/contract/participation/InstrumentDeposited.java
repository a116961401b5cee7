package org.treatyregistry.contract.participation;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A State deposited an instrument with the Depositary (Convention Art. 16).
 *
 * @param depositDate            as precise as the record is: {@code 2005-12-27}, or {@code 2012-12} (Poland)
 * @param effectiveFrom          for a succession that takes effect from independence rather than under Art. 17
 *                               (South Sudan, 9 July 2011); otherwise null
 * @param entryIntoForce         the date the Convention binds the State, computed by the registry under Art. 17
 *                               (or {@code effectiveFrom}) when the deposit was recorded, so that consumers do not
 *                               re-implement the rule
 * @param provisionalApplication whether the State declared at deposit that it applies Art. 1.1 pending entry
 *                               into force (Art. 18)
 * @param sourceReference        optional: a depositary notification number or document symbol
 */
public record InstrumentDeposited(
        String iso3,
        String stateName,
        InstrumentType instrumentType,
        String depositDate,
        LocalDate effectiveFrom,
        LocalDate entryIntoForce,
        boolean provisionalApplication,
        String sourceReference) implements StateEvent {

    public PartialDate deposit() {
        return PartialDate.parse(depositDate);
    }

    @Override
    public LocalDate effectiveDate() {
        return deposit().certainBy();
    }
}
