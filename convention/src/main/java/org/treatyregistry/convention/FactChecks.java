package org.treatyregistry.convention;

import java.time.LocalDate;
import java.util.Optional;
import org.treatyregistry.contract.StateEvent;

/** What every posted fact must be, whatever its kind: about a known State, dated, and not in the future. */
public final class FactChecks {

    private FactChecks() {
    }

    public static Optional<RuleViolation> stateAndDate(StateEvent event, LocalDate today) {
        if (event.iso3() == null || !Countries.isKnown(event.iso3())) {
            return Optional.of(new RuleViolation("unknown-state", "'" + event.iso3()
                    + "' is not an ISO 3166-1 alpha-3 code."));
        }
        if (event.effectiveDate() == null) {
            return Optional.of(new RuleViolation("no-date", "The fact has no date."));
        }
        if (event.effectiveDate().isAfter(today)) {
            return Optional.of(new RuleViolation("future-date", "The fact is dated " + event.effectiveDate()
                    + ", after today (" + today + "): record facts once they have happened."));
        }
        return Optional.empty();
    }
}
