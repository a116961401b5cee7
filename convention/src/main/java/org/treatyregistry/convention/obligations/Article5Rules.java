package org.treatyregistry.convention.obligations;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.obligations.ClearanceCompleted;
import org.treatyregistry.contract.obligations.ExtensionDecided;
import org.treatyregistry.contract.obligations.ExtensionRequested;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.obligations.PreviouslyUnknownMinedAreaFound;
import org.treatyregistry.contract.obligations.StockpileDestructionCompleted;
import org.treatyregistry.contract.obligations.StockpileStillHeldReported;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.FactRule;
import org.treatyregistry.convention.FactRules;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.participation.StateHistory;

/** The rules for Article 4 and 5 facts, one per event type. */
final class Article5Rules {

    /**
     * Obligations under Articles 4 and 5 are those of a State with an instrument on record. A previously unknown
     * mined area is a fact wherever it is found: after completion it reopens the obligation, while it runs it adds
     * to it, and where there is none it creates one (see {@link Article5#on}).
     */
    static final FactRule<StateEvent> BOUND = (history, next, name) -> history.deposits().isEmpty()
            ? RuleViolation.refused("not-bound", name + " has deposited no instrument, so it has no obligations "
            + "under Articles 4 and 5 on record.")
            : Optional.empty();

    /** Art. 5.3: an affected State requests an extension, once under each request id, of up to ten years. */
    static final FactRule<ExtensionRequested> REQUEST = (history, request, name) -> {
        if (!Article5.isAffected(history)) {
            return RuleViolation.refused("no-article5-obligation", name + " has no Article 5 obligation on record "
                    + "(no mined areas reported), so it cannot request an extension.");
        }
        if (requests(history).stream().anyMatch(r -> r.requestId().equals(request.requestId()))) {
            return RuleViolation.refused("duplicate-request", "A request '" + request.requestId() + "' of " + name
                    + " is already on record.");
        }
        return request.requestedDeadline() == null ? Optional.empty()
                : checkLength(history, request.submitted().earliest(), request.requestedDeadline(), name);
    };

    /** Art. 5.5: the States Parties decide a request, after it was made; a grant lasts up to ten years (Art. 5.3). */
    static final FactRule<ExtensionDecided> DECISION = (history, decision, name) -> {
        if (!Article5.isAffected(history)) {
            return RuleViolation.refused("no-article5-obligation", name + " has no Article 5 obligation on record.");
        }
        // A decision is authoritative even when its request is missing from the record (requestId null);
        // but one that names a request must name one on record.
        if (decision.requestId() != null) {
            Optional<ExtensionRequested> request = requests(history).stream()
                    .filter(r -> r.requestId().equals(decision.requestId())).findFirst();
            if (request.isEmpty()) {
                return RuleViolation.refused("unknown-request", "No extension request '" + decision.requestId()
                        + "' of " + name + " is on record to decide.");
            }
            LocalDate decided = decision.decided() != null ? decision.decided().certainBy() : decision.inForceFrom();
            if (decided.isBefore(request.get().submitted().earliest())) {
                return RuleViolation.refused("decision-before-request", "The decision (" + (decision.decidedOn()
                        != null ? decision.decidedOn() : decision.meeting()) + ") is dated before the request it "
                        + "answers (" + request.get().submittedOn() + ").");
            }
        }
        // A grant whose new deadline the record lacks still stands: the deadline is then unknown, not refused.
        if (decision.granted() && decision.newDeadline() != null) {
            LocalDate when = decision.decided() != null ? decision.decided().earliest() : decision.inForceFrom();
            return checkLength(history, when, decision.newDeadline(), name);
        }
        return Optional.empty();
    };

    /** Art. 5.1: completion is declared by a State with an Article 5 obligation. */
    static final FactRule<ClearanceCompleted> COMPLETION = (history, completion, name) ->
            Article5.isAffected(history) ? Optional.empty()
                    : RuleViolation.refused("no-article5-obligation", name + " has no Article 5 obligation on record.");

    static final FactRules ALL = FactRules.none()
            .with(StockpileDestructionCompleted.class, BOUND)
            .with(StockpileStillHeldReported.class, BOUND)
            .with(MinedAreasReported.class, BOUND)
            .with(PreviouslyUnknownMinedAreaFound.class, BOUND)
            .with(ExtensionRequested.class, REQUEST)
            .with(ExtensionDecided.class, DECISION)
            .with(ClearanceCompleted.class, COMPLETION);

    private Article5Rules() {
    }

    /** Art. 5.3: an extension of up to ten years beyond the deadline in force when it is asked for. */
    private static Optional<RuleViolation> checkLength(StateHistory history, LocalDate when, LocalDate newDeadline,
                                                       String name) {
        LocalDate current = Article5.on(history, when).map(Article5.Status::deadline).orElse(null);
        LocalDate base = current != null ? current : when;
        if (newDeadline.isAfter(base.plusYears(Article5.MAX_EXTENSION_YEARS))) {
            return RuleViolation.refused("extension-too-long", "A deadline of " + newDeadline + " for " + name
                    + " is more than ten years after " + base + (current != null ? ", the deadline in force" : "")
                    + "; one extension may last up to ten years (Art. 5.3).");
        }
        return Optional.empty();
    }

    private static List<ExtensionRequested> requests(StateHistory history) {
        return history.facts().stream().map(Fact::event).filter(ExtensionRequested.class::isInstance)
                .map(ExtensionRequested.class::cast).toList();
    }
}
