package org.treatyregistry.contract.reports;

import java.time.LocalDate;
import java.util.Map;
import org.treatyregistry.contract.StateEvent;

/**
 * An Article 7 report reached the Secretary-General. {@code period} is "initial" (Art. 7.1) or the calendar year
 * the annual report covers (Art. 7.2); {@code voluntary} marks a report from a State not party. {@code answers}
 * are the replies to the Guide to Reporting's questions for the Action Plan's indicators, keyed by indicator
 * (e.g. "13.1": "yes", "19.1": "3").
 */
public record ReportSubmitted(String iso3, String period, LocalDate receivedOn, boolean voluntary,
                              ReportContent content, Map<String, String> answers, String sourceReference)
        implements StateEvent {

    public static final String INITIAL = "initial";

    /** No answers is an empty map. */
    public ReportSubmitted {
        answers = answers == null ? Map.of() : Map.copyOf(answers);
    }

    @Override
    public LocalDate effectiveDate() {
        return receivedOn;
    }
}
