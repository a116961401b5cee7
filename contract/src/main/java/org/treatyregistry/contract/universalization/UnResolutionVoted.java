package org.treatyregistry.contract.universalization;

import java.time.LocalDate;
import org.treatyregistry.contract.StateEvent;

/** A State's vote on the annual UN General Assembly resolution on implementing the Convention (indicator 12.2). */
public record UnResolutionVoted(String iso3, String resolution, LocalDate votedOn, Vote vote, String sourceReference)
        implements StateEvent {

    public enum Vote { YES, NO, ABSTAIN }

    @Override
    public LocalDate effectiveDate() {
        return votedOn;
    }
}
