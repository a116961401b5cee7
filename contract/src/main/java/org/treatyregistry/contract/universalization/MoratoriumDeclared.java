package org.treatyregistry.contract.universalization;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/** A State not party put in place a moratorium on activities the Convention prohibits (Action 12, 12.1). */
public record MoratoriumDeclared(String iso3, LocalDate declaredOn, String scope, String sourceReference)
        implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return declaredOn;
    }
}
