package org.treatyregistry.contract.obligations;

import java.time.LocalDate;
import java.util.Map;
import org.treatyregistry.contract.StateEvent;

/**
 * What an Article 5 extension request includes, as assessed (by the Committee on Article 5 Implementation):
 * answers keyed by indicator ("23.1": "yes") for the request the registry holds under {@code requestId}.
 */
public record ExtensionRequestAssessed(String iso3, String requestId, LocalDate assessedOn, Map<String, String> answers,
                                       String sourceReference) implements StateEvent {

    public ExtensionRequestAssessed {
        answers = answers == null ? Map.of() : Map.copyOf(answers);
    }

    @Override
    public LocalDate effectiveDate() {
        return assessedOn;
    }
}
