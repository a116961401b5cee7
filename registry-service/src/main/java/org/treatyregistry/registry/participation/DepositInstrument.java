package org.treatyregistry.registry.participation;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.treatyregistry.contract.participation.InstrumentType;

/** Record that a State deposited an instrument with the Depositary (Art. 16). */
public record DepositInstrument(
        @TargetAggregateIdentifier String iso3,
        InstrumentType instrumentType,
        LocalDate depositDate,
        boolean provisionalApplication,
        String sourceReference) {
}
