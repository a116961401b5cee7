package org.treatyregistry.contract.reports;

import java.time.LocalDate;
import java.util.Map;
import org.treatyregistry.contract.StateEvent;

/**
 * A State amended a report it had submitted: the content and answers replace the earlier ones from
 * {@code receivedOn}; whether the report was on time still follows from the first submission.
 */
public record ReportAmended(String iso3, String period, LocalDate receivedOn, ReportContent content,
                            Map<String, String> answers, String sourceReference) implements StateEvent {

    /** No answers is an empty map. */
    public ReportAmended {
        answers = answers == null ? Map.of() : Map.copyOf(answers);
    }

    @Override
    public LocalDate effectiveDate() {
        return receivedOn;
    }
}
