package org.treatyregistry.indicators.participation;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/** The population "all States Parties" of the Action Plan's indicators, on a date. */
public final class StatesParties {

    private StatesParties() {
    }

    /** A State is party from the Convention's entry into force for it (Art. 17). */
    public static List<String> on(LocalDate date, Collection<Participant> participants) {
        return participants.stream()
                .filter(p -> !date.isBefore(p.entryIntoForce()))
                .map(Participant::iso3)
                .sorted()
                .toList();
    }

    public record Participant(String iso3, LocalDate entryIntoForce) {
    }
}
