package org.treatyregistry.contract.obligations;

import java.time.LocalDate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;

/**
 * The record holds that a State has mined areas under its jurisdiction or control, which gives it an Article 5
 * obligation (Art. 5.1), known since {@code reportedOn}.
 */
public record MinedAreasReported(String iso3, String reportedOn, String sourceReference) implements StateEvent {

    public PartialDate reported() {
        return PartialDate.parse(reportedOn);
    }

    @Override
    public LocalDate effectiveDate() {
        return reported().certainBy();
    }
}
