package org.treatyregistry.convention.participation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.convention.Fact;

/** Builds State histories for the rule tests, the way the registry records them. */
public final class Facts {

    private final String iso3;
    private final List<Fact> facts = new ArrayList<>();

    private Facts(String iso3) {
        this.iso3 = iso3;
    }

    public static Facts of(String iso3) {
        return new Facts(iso3);
    }

    public Facts signed(String date) {
        return add(new TreatySigned(iso3, iso3, LocalDate.parse(date), LocalDate.parse(date), null));
    }

    public Facts deposited(InstrumentType type, String date) {
        PartialDate deposit = PartialDate.parse(date);
        return add(new InstrumentDeposited(iso3, iso3, type, date, null, EntryIntoForce.of(deposit, null), false,
                null));
    }

    public Facts add(StateEvent event) {
        facts.add(new Fact("e" + facts.size(), Instant.EPOCH, event));
        return this;
    }

    public StateHistory history() {
        return StateHistory.of(iso3, facts);
    }

    public static InstrumentDeposited deposit(String iso3, InstrumentType type, String date) {
        return new InstrumentDeposited(iso3, iso3, type, date, null, EntryIntoForce.of(PartialDate.parse(date), null),
                false, null);
    }
}
