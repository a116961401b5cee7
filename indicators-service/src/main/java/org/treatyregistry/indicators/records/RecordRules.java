package org.treatyregistry.indicators.records;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.finance.AssessedContributionPaid;
import org.treatyregistry.contract.finance.VoluntaryContributionMade;
import org.treatyregistry.contract.meetings.DelegationAttended;
import org.treatyregistry.contract.meetings.SurvivorOrganisationAttended;
import org.treatyregistry.contract.obligations.ExtensionRequestAssessed;
import org.treatyregistry.contract.universalization.MoratoriumDeclared;
import org.treatyregistry.contract.universalization.UnResolutionVoted;
import org.treatyregistry.convention.RuleViolation;

/** What the indicators' own records must be, within one State's stream of them. Pure. */
public final class RecordRules {

    private static final Pattern ANSWER = Pattern.compile("yes|no|\\d+(\\.\\d+)?");

    private RecordRules() {
    }

    public static Optional<RuleViolation> check(List<StateEvent> stream, StateEvent next) {
        if (next instanceof DelegationAttended d) {
            if (blank(d.meeting()) || d.delegates() <= 0 || d.women() < 0 || d.women() > d.delegates()) {
                return violation("delegation", "A delegation names its meeting and has at least one delegate, and "
                        + "between none and all of them women; got " + d.delegates() + " delegates, " + d.women()
                        + " women.");
            }
            return twice(stream, next, e -> e instanceof DelegationAttended o && o.meeting().equals(d.meeting()),
                    "The delegation of " + d.iso3() + " at " + d.meeting() + " is already on record.");
        }
        if (next instanceof SurvivorOrganisationAttended o) {
            if (blank(o.organisation()) || blank(o.meeting())) {
                return violation("organisation", "Name the organisation and the meeting.");
            }
            return twice(stream, next, e -> e instanceof SurvivorOrganisationAttended p
                    && p.organisation().equals(o.organisation()) && p.meeting().equals(o.meeting()),
                    o.organisation() + " at " + o.meeting() + " is already on record.");
        }
        if (next instanceof UnResolutionVoted v) {
            if (blank(v.resolution()) || v.vote() == null) {
                return violation("vote", "A vote names the resolution and is YES, NO or ABSTAIN.");
            }
            return twice(stream, next, e -> e instanceof UnResolutionVoted w && w.resolution().equals(v.resolution()),
                    v.iso3() + "'s vote on " + v.resolution() + " is already on record.");
        }
        if (next instanceof AssessedContributionPaid p) {
            if (blank(p.meeting()) || p.meetingStartedOn() == null) {
                return violation("meeting", "An assessed contribution names the meeting it is for and the day the "
                        + "meeting opens.");
            }
            return twice(stream, next, e -> e instanceof AssessedContributionPaid q && q.meeting().equals(p.meeting()),
                    p.iso3() + "'s assessed contribution for " + p.meeting() + " is already on record.");
        }
        if (next instanceof VoluntaryContributionMade v && v.amount() <= 0) {
            return violation("negative-quantity", "A contribution is a positive amount; got " + v.amount() + ".");
        }
        if (next instanceof ExtensionRequestAssessed a) {
            for (Map.Entry<String, String> answer : a.answers().entrySet()) {
                if (!answer.getKey().startsWith("23.") || answer.getValue() == null
                        || !ANSWER.matcher(answer.getValue()).matches()) {
                    return violation("answer", "An assessment answers the extension-request indicators (23.1-23.3) "
                            + "with yes or no; got " + answer.getKey() + "=" + answer.getValue() + ".");
                }
            }
        }
        return next instanceof MoratoriumDeclared m && blank(m.scope())
                ? violation("scope", "Say what the moratorium covers (use, production, transfer...).")
                : Optional.empty();
    }

    private static Optional<RuleViolation> twice(List<StateEvent> stream, StateEvent next,
                                                 java.util.function.Predicate<StateEvent> same, String message) {
        return stream.stream().anyMatch(same)
                ? violation("already-recorded", message + " It is recorded once.")
                : Optional.empty();
    }

    private static Optional<RuleViolation> violation(String rule, String message) {
        return Optional.of(new RuleViolation(rule, message));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
