package org.treatyregistry.indicators.participation;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.treatyregistry.convention.participation.StateHistory;

/** The population "all States Parties" of the Action Plan's indicators, on a date. */
public final class StatesParties {

    private StatesParties() {
    }

    /**
     * A State counts from the Convention's entry into force for it (Art. 17) until its withdrawal takes effect
     * (Art. 20): one whose withdrawal is pending, or held back by an armed conflict, is still a party.
     */
    public static List<String> on(LocalDate date, Collection<StateHistory> histories) {
        return histories.stream().filter(h -> h.isBoundOn(date)).map(StateHistory::iso3).sorted().toList();
    }
}
