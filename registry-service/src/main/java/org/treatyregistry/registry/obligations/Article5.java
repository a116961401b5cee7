package org.treatyregistry.registry.obligations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.obligations.ClearanceCompleted;
import org.treatyregistry.contract.obligations.ExtensionDecided;
import org.treatyregistry.contract.obligations.ExtensionRequested;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.obligations.PreviouslyUnknownMinedAreaFound;
import org.treatyregistry.contract.obligations.StockpileDestructionCompleted;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.registry.participation.Fact;
import org.treatyregistry.registry.participation.RuleViolation;
import org.treatyregistry.registry.participation.StateHistory;

/**
 * Article 5: anti-personnel mines in mined areas destroyed no later than ten years after entry into force
 * (Art. 5.1); extensions of up to ten years per request (Art. 5.3), decided by a Meeting of the States Parties
 * or a Review Conference (Art. 5.5), renewable (Art. 5.6); completion declared, and reopened when previously
 * unknown mined areas are found (SRAAP Action 21) until a new deadline is decided.
 */
public final class Article5 {

    static final int MAX_EXTENSION_YEARS = 10;

    private Article5() {
    }

    public enum State { CLEARING, COMPLETED, REOPENED }

    /**
     * @param deadline null while reopened and no new deadline is decided
     */
    public record Status(LocalDate originalDeadline, LocalDate deadline, int extensions, List<String> decidingMeetings,
                         String completedOn, String reopenedOn, State state, boolean overdue) {
    }

    public static LocalDate originalDeadline(LocalDate entryIntoForce) {
        return entryIntoForce.plusYears(MAX_EXTENSION_YEARS);
    }

    /** A State has an Article 5 obligation when the record holds mined areas or any Article 5 fact for it. */
    public static boolean isAffected(StateHistory history) {
        return history.facts().stream().map(Fact::event).anyMatch(Article5::isArticle5Fact);
    }

    private static boolean isArticle5Fact(StateEvent event) {
        return event instanceof MinedAreasReported || event instanceof ExtensionRequested
                || event instanceof ExtensionDecided || event instanceof ClearanceCompleted
                || event instanceof PreviouslyUnknownMinedAreaFound;
    }

    public static Optional<Status> on(StateHistory history, LocalDate asOf) {
        Optional<InstrumentDeposited> deposit = history.depositOn(asOf);
        if (deposit.isEmpty() || !isAffected(history)) {
            return Optional.empty();
        }
        LocalDate original = originalDeadline(deposit.get().entryIntoForce());
        LocalDate deadline = original;
        int extensions = 0;
        List<String> meetings = new ArrayList<>();
        String completed = null;
        String reopened = null;
        List<StateEvent> inForce = history.facts().stream().map(Fact::event).filter(Article5::isArticle5Fact)
                .filter(e -> !e.effectiveDate().isAfter(asOf))
                .sorted(Comparator.comparing(StateEvent::effectiveDate)).toList();
        for (StateEvent event : inForce) {
            if (event instanceof ExtensionDecided decision && decision.granted()) {
                deadline = decision.newDeadline();
                extensions++;
                meetings.add(decision.meeting());
            } else if (event instanceof ClearanceCompleted completion) {
                completed = completion.completedOn();
                reopened = null;
            } else if (event instanceof PreviouslyUnknownMinedAreaFound found) {
                reopened = found.foundOn();
                completed = null;
                deadline = null;
            }
        }
        State state = completed != null ? State.COMPLETED
                : reopened != null && deadline == null ? State.REOPENED : State.CLEARING;
        boolean overdue = state != State.COMPLETED && deadline != null && asOf.isAfter(deadline);
        return Optional.of(new Status(original, deadline, extensions, List.copyOf(meetings), completed, reopened,
                state, overdue));
    }

    /** Checks an Article 4 or 5 fact against the record; empty when it may be recorded. */
    public static Optional<RuleViolation> check(StateHistory history, StateEvent next, String name) {
        if (next instanceof StockpileDestructionCompleted || next instanceof MinedAreasReported) {
            if (history.deposits().isEmpty()) {
                return violation("not-bound", name + " has deposited no instrument, so it has no obligations "
                        + "under Articles 4 and 5 on record.");
            }
        } else if (next instanceof ExtensionRequested request) {
            if (!isAffected(history)) {
                return violation("no-article5-obligation", name + " has no Article 5 obligation on record (no "
                        + "mined areas reported), so it cannot request an extension.");
            }
            if (requests(history).stream().anyMatch(r -> r.requestId().equals(request.requestId()))) {
                return violation("duplicate-request", "A request '" + request.requestId() + "' of " + name
                        + " is already on record.");
            }
            return checkLength(history, request.submitted().earliest(), request.requestedDeadline(), name);
        } else if (next instanceof ExtensionDecided decision) {
            Optional<ExtensionRequested> request = requests(history).stream()
                    .filter(r -> r.requestId().equals(decision.requestId())).findFirst();
            if (request.isEmpty()) {
                return violation("unknown-request", "No extension request '" + decision.requestId() + "' of "
                        + name + " is on record to decide.");
            }
            if (decision.decided().certainBy().isBefore(request.get().submitted().earliest())) {
                return violation("decision-before-request", "The decision (" + decision.decidedOn()
                        + ") is dated before the request it answers (" + request.get().submittedOn() + ").");
            }
            if (decision.granted()) {
                if (decision.newDeadline() == null) {
                    return violation("deadline-required", "A granted extension needs its new deadline.");
                }
                return checkLength(history, decision.decided().earliest(), decision.newDeadline(), name);
            }
        } else if (next instanceof ClearanceCompleted && !isAffected(history)) {
            return violation("no-article5-obligation", name + " has no Article 5 obligation on record.");
        } else if (next instanceof PreviouslyUnknownMinedAreaFound found
                && history.facts().stream().map(Fact::event).noneMatch(e -> e instanceof ClearanceCompleted c
                && !c.completed().earliest().isAfter(found.found().certainBy()))) {
            return violation("no-prior-completion", name + " has declared no completion under Article 5 before "
                    + found.foundOn() + ", so nothing can reopen.");
        }
        return Optional.empty();
    }

    /** Art. 5.3: an extension of up to ten years beyond the deadline in force when it is asked for. */
    private static Optional<RuleViolation> checkLength(StateHistory history, LocalDate when, LocalDate newDeadline,
                                                       String name) {
        LocalDate current = on(history, when).map(Status::deadline).orElse(null);
        LocalDate base = current != null ? current : when;
        if (newDeadline.isAfter(base.plusYears(MAX_EXTENSION_YEARS))) {
            return violation("extension-too-long", "A deadline of " + newDeadline + " for " + name + " is more "
                    + "than ten years after " + base + (current != null ? ", the deadline in force" : "")
                    + "; one extension may last up to ten years (Art. 5.3).");
        }
        return Optional.empty();
    }

    private static List<ExtensionRequested> requests(StateHistory history) {
        return history.facts().stream().map(Fact::event).filter(ExtensionRequested.class::isInstance)
                .map(ExtensionRequested.class::cast).toList();
    }

    private static Optional<RuleViolation> violation(String rule, String message) {
        return Optional.of(new RuleViolation(rule, message));
    }
}
