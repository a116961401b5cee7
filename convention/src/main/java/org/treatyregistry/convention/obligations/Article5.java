package org.treatyregistry.convention.obligations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.obligations.ClearanceCompleted;
import org.treatyregistry.contract.obligations.ExtensionDecided;
import org.treatyregistry.contract.obligations.ExtensionRequested;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.obligations.PreviouslyUnknownMinedAreaFound;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.participation.StateHistory;

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

    /**
     * {@code REOPENED}: previously unknown mined areas found after completion; {@code NEWLY_AFFECTED}: mined areas
     * found in a State with no Article 5 obligation on record, which gives it one. Both last until the States
     * Parties decide a deadline, or the State completes again.
     */
    public enum State { CLEARING, COMPLETED, REOPENED, NEWLY_AFFECTED }

    /** What a previously unknown mined area did to the obligation (SRAAP Action 21). */
    public enum FindEffect {
        /** after completion: the obligation reopens */
        REOPENED,
        /** no obligation on record: the find creates one */
        NEW_OBLIGATION,
        /** while the obligation runs (completion not declared): the area is added to it, the deadline unchanged */
        ADDED_TO_OBLIGATION
    }

    /**
     * @param deadlineThen the deadline in force for the area after the find; null when the one that would have
     *                     covered it had passed, so none applies until the States Parties decide one
     */
    public record AreaFound(String foundOn, FindEffect effect, LocalDate deadlineThen, String sourceReference) {
    }

    /**
     * @param deadline      null while reopened with no deadline decided, or after a grant whose new deadline the
     *                      record does not give
     * @param affectedSince the earliest Article 5 fact on record: the evidence the State is affected
     * @param decisions     every decision in force on the date, with its precision and doubts
     * @param conflicts     where the sources behind this status disagree
     * @param areasFound    previously unknown mined areas found by the date, with what each did to the obligation
     * @param flags         why the status must not be read as compliant though nothing is overdue (no deadline in
     *                      force, or one the record does not give)
     */
    public record Status(LocalDate originalDeadline, LocalDate deadline, int extensions, List<String> decidingMeetings,
                         String completedOn, String reopenedOn, State state, boolean overdue, String affectedSince,
                         String evidence, List<Decision> decisions, List<String> conflicts, List<AreaFound> areasFound,
                         List<String> flags) {
    }

    /**
     * @param decidedOn       as the record gives it (null: only the meeting, or nothing, is known)
     * @param inForceFrom     from when {@code asOf} counts it
     * @param requestOnRecord false when the decision's request is missing from the record
     */
    public record Decision(String meeting, String decidedOn, Precision precision, LocalDate inForceFrom,
                           boolean granted, LocalDate newDeadline, boolean requestOnRecord, String sourceConflict) {

        /** How precisely the record dates a decision: by its date, or only by the meeting that took it, or not. */
        public enum Precision {
            DAY, MONTH, YEAR, MEETING, UNKNOWN;

            static Precision of(PartialDate.Precision date) {
                return switch (date) {
                    case DAY -> DAY;
                    case MONTH -> MONTH;
                    case YEAR -> YEAR;
                };
            }
        }

        static Decision of(ExtensionDecided d) {
            return new Decision(d.meeting(), d.decidedOn(), d.decided() != null ? Precision.of(d.decided().precision())
                    : d.meeting() != null ? Precision.MEETING : Precision.UNKNOWN,
                    d.inForceFrom(), d.granted(), d.newDeadline(), d.requestId() != null, d.sourceConflict());
        }
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
        // Mined areas reported give an obligation from entry into force (Art. 5.1), known since the report; new
        // contamination found in a State with none gives one from the find.
        Optional<StateEvent> first = history.factsOfParticipationOn(asOf).stream().filter(Article5::isArticle5Fact)
                .min(Comparator.comparing(Article5::legalOrder));
        if (first.isEmpty() || first.get() instanceof PreviouslyUnknownMinedAreaFound find
                && find.effectiveDate().isAfter(asOf)) {
            return Optional.empty();
        }
        LocalDate original = originalDeadline(deposit.get().entryIntoForce());
        LocalDate deadline = original;
        int extensions = 0;
        List<String> meetings = new ArrayList<>();
        String completed = null;
        String reopened = null;
        List<Decision> decisions = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        List<AreaFound> found = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        // Mined areas reported, a request, a decision or a completion show an obligation; a find before any of
        // them is new contamination in a State that had none (Burkina Faso 2023, Cameroon and Mali 2017).
        boolean obligation = false;
        State awaitingDecision = null;
        for (StateEvent event : inForce(history, asOf)) {
            conflictOf(event).ifPresent(conflicts::add);
            if (event instanceof PreviouslyUnknownMinedAreaFound find) {
                FindEffect effect = completed != null ? FindEffect.REOPENED
                        : obligation ? FindEffect.ADDED_TO_OBLIGATION : FindEffect.NEW_OBLIGATION;
                if (effect != FindEffect.ADDED_TO_OBLIGATION) {
                    // A deadline still running covers the new area; one already passed leaves none until decided.
                    // An area added to an obligation not yet completed keeps its deadline, passed or not (Serbia).
                    if (deadline != null && deadline.isBefore(find.effectiveDate())) {
                        deadline = null;
                    }
                    awaitingDecision = effect == FindEffect.REOPENED ? State.REOPENED : State.NEWLY_AFFECTED;
                    reopened = find.foundOn();
                    completed = null;
                }
                found.add(new AreaFound(find.foundOn(), effect, deadline, find.sourceReference()));
                obligation = true;
                continue;
            }
            obligation = true;
            if (event instanceof ExtensionDecided decision) {
                decisions.add(Decision.of(decision));
                if (decision.granted()) {
                    deadline = decision.newDeadline();
                    extensions++;
                    awaitingDecision = null;
                    if (decision.meeting() != null) {
                        meetings.add(decision.meeting());
                    }
                }
            } else if (event instanceof ClearanceCompleted completion) {
                completed = completion.completedOn() != null ? completion.completedOn() : completion.meeting();
                reopened = null;
                awaitingDecision = null;
            }
        }
        State state = completed != null ? State.COMPLETED
                : awaitingDecision != null ? awaitingDecision : State.CLEARING;
        boolean overdue = state != State.COMPLETED && deadline != null && asOf.isAfter(deadline);
        if (state != State.COMPLETED && deadline == null) {
            flags.add(awaitingDecision != null
                    ? "no deadline in force: mined areas were found on " + reopened + " after the deadline that would "
                    + "have covered them had passed; clearance is owed and the States Parties have yet to decide a "
                    + "deadline (Art. 5.3-5.6)"
                    : "the deadline in force is not on record: the last grant's new deadline is missing from the data");
        }
        Optional<StateEvent> evidence = history.facts().stream().map(Fact::event)
                .filter(e -> e instanceof MinedAreasReported || e instanceof PreviouslyUnknownMinedAreaFound)
                .min(Comparator.comparing(Article5::legalOrder));
        return Optional.of(new Status(original, deadline, extensions, List.copyOf(meetings), completed, reopened,
                state, overdue, evidence.map(Article5::datedAs).orElse(null),
                evidence.map(Article5::sourceOf).orElse(null), List.copyOf(decisions), List.copyOf(conflicts),
                List.copyOf(found), List.copyOf(flags)));
    }

    private static List<StateEvent> inForce(StateHistory history, LocalDate asOf) {
        return history.factsOfParticipationOn(asOf).stream().filter(Article5::isArticle5Fact)
                .filter(e -> !e.effectiveDate().isAfter(asOf))
                .sorted(Comparator.comparing(Article5::legalOrder)).toList();
    }

    private static String datedAs(StateEvent evidence) {
        return evidence instanceof MinedAreasReported r ? r.reportedOn()
                : ((PreviouslyUnknownMinedAreaFound) evidence).foundOn();
    }

    private static String sourceOf(StateEvent evidence) {
        return evidence instanceof MinedAreasReported r ? r.sourceReference()
                : ((PreviouslyUnknownMinedAreaFound) evidence).sourceReference();
    }

    /**
     * The order facts happened in: a partial date sorts by its first day, so a reopening known as "2012" comes
     * before a completion on 5 December 2012 (The Gambia); facts whose dates cannot be ordered keep the order
     * they were recorded in (the sort is stable). Which facts count on a date still uses their last day.
     */
    private static LocalDate legalOrder(StateEvent event) {
        if (event instanceof PreviouslyUnknownMinedAreaFound found) {
            return found.found().earliest();
        }
        if (event instanceof ExtensionRequested request) {
            return request.submitted().earliest();
        }
        if (event instanceof MinedAreasReported reported) {
            return reported.reported().earliest();
        }
        return event.effectiveDate();
    }

    private static Optional<String> conflictOf(StateEvent event) {
        String conflict = event instanceof ExtensionRequested r ? r.sourceConflict()
                : event instanceof ExtensionDecided d ? d.sourceConflict()
                : event instanceof ClearanceCompleted c ? c.sourceConflict()
                : event instanceof PreviouslyUnknownMinedAreaFound f ? f.sourceConflict() : null;
        return Optional.ofNullable(conflict).map(c -> event.getClass().getSimpleName() + " of "
                + event.effectiveDate() + ": " + c);
    }

    /**
     * The deadline a grant to {@code newDeadline} extends: the latest one on record before it (the original or an
     * earlier grant's), whatever order the facts were posted in.
     */
    public static Optional<LocalDate> deadlineExtendedBy(StateHistory history, LocalDate newDeadline) {
        Optional<InstrumentDeposited> deposit = history.deposits().stream().reduce((a, b) -> b);
        List<LocalDate> deadlines = new ArrayList<>();
        deposit.ifPresent(d -> deadlines.add(originalDeadline(d.entryIntoForce())));
        history.facts().stream().map(Fact::event).filter(ExtensionDecided.class::isInstance)
                .map(ExtensionDecided.class::cast).map(ExtensionDecided::newDeadline).filter(Objects::nonNull)
                .forEach(deadlines::add);
        return deadlines.stream().filter(d -> newDeadline == null || d.isBefore(newDeadline))
                .max(Comparator.naturalOrder());
    }

    /** Checks an Article 4 or 5 fact against the record; empty when it may be recorded. */
    public static Optional<RuleViolation> check(StateHistory history, StateEvent next, String name) {
        return Article5Rules.ALL.check(history, next, name);
    }
}
