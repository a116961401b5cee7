package org.treatyregistry.contract.finance;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/**
 * A State Party paid its assessed share of the costs of a Meeting of the States Parties or Review Conference
 * (Art. 14); Action 10 asks for payment no later than three months before the meeting (10.1).
 */
public record AssessedContributionPaid(String iso3, String meeting, LocalDate meetingStartedOn, LocalDate paidOn,
                                       String sourceReference) implements StateEvent {

    @Override
    public LocalDate effectiveDate() {
        return paidOn;
    }
}
