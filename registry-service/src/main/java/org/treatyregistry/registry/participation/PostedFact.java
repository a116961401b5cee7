package org.treatyregistry.registry.participation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.UUID;
import org.treatyregistry.contract.participation.InstrumentType;

/**
 * A fact as an integration posts it. {@code clientId} makes posting idempotent: the same id with the same
 * content returns the original result; with other content it is refused.
 */
public record PostedFact(
        @NotNull UUID clientId,
        @NotNull @Pattern(regexp = "InstrumentDeposited", message = "must be one of: InstrumentDeposited") String type,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 3166-1 alpha-3 code such as UKR") String iso3,
        @NotNull InstrumentType instrumentType,
        @NotNull LocalDate depositDate,
        Boolean provisionalApplication,
        String sourceReference) {

    /** Art. 18: a declaration of provisional application is the exception; absent means none was made. */
    public boolean declaresProvisionalApplication() {
        return Boolean.TRUE.equals(provisionalApplication);
    }
}
