package org.treatyregistry.convention.obligations;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.obligations.DateBasis;
import org.treatyregistry.contract.obligations.FigurePrecision;
import org.treatyregistry.contract.obligations.StockpileDestructionCompleted;
import org.treatyregistry.contract.obligations.StockpileStillHeldReported;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.convention.participation.StateHistory;

/**
 * Article 4: all stockpiled anti-personnel mines destroyed no later than four years after entry into force for
 * the State. There is no extension: a deadline passed without completion is non-compliance (SRAAP Action 14).
 */
public final class Article4 {

    private Article4() {
    }

    /**
     * {@code NO_COMPLETION_RECORDED}: past the deadline with no completion on record. Article 4 binds only States
     * that own or possess stockpiles, and the registry does not record who does, so this is not a finding of
     * non-compliance. {@code NOT_COMPLETED} is one: a statement on record, dated after the deadline, that the State
     * still held stockpiled mines, with no completion after it.
     */
    public enum State { COMPLETED, COMPLETED_AFTER_DEADLINE, PENDING, NO_COMPLETION_RECORDED, NOT_COMPLETED }

    /**
     * @param completedOn        the completion that met the obligation, as precise as the record is
     * @param datePrecision      DAY, MONTH or YEAR of {@code completedOn}
     * @param dateBasis          what {@code completedOn} is: the end of destruction or when it was said
     * @param minesDestroyed     the number as stated; read it with {@code figurePrecision}
     * @param figure             the number as a person may quote it: "about 3,400,000", "more than 90,000"
     * @param includingRetainedOn when the mines retained under Art. 3 were destroyed too, if that is on record
     * @param stillHeldReportedOn the latest statement that stockpiled mines were still held, if it decides the state
     * @param stillHeld          the number then held, as a person may quote it
     */
    public record Status(LocalDate deadline, String completedOn, State state, String datePrecision,
                         DateBasis dateBasis, Long minesDestroyed, FigurePrecision figurePrecision, String figure,
                         String note, String sourceConflict, String includingRetainedOn, String stillHeldReportedOn,
                         String stillHeld) {

        /** Missed on the record: a completion after the deadline, or a statement after it of mines still held. */
        public boolean missed() {
            return state == State.COMPLETED_AFTER_DEADLINE || state == State.NOT_COMPLETED;
        }
    }

    public static LocalDate deadline(LocalDate entryIntoForce) {
        return entryIntoForce.plusYears(4);
    }

    public static Optional<Status> on(StateHistory history, LocalDate asOf) {
        Optional<InstrumentDeposited> deposit = history.depositOn(asOf);
        if (deposit.isEmpty()) {
            return Optional.empty();
        }
        LocalDate deadline = deadline(deposit.get().entryIntoForce());
        List<StateEvent> facts = history.factsOfParticipationOn(asOf).stream()
                .filter(e -> e instanceof StockpileDestructionCompleted || e instanceof StockpileStillHeldReported)
                .filter(e -> !e.effectiveDate().isAfter(asOf))
                .sorted(Comparator.comparing(StateEvent::effectiveDate)).toList();
        // The first completion met the obligation; a later one (the retained mines too, or another source) does not
        // move it. A statement that mines were still held sets it aside until a completion after it.
        StockpileDestructionCompleted completion = null;
        StockpileStillHeldReported stillHeld = null;
        String includingRetained = null;
        for (StateEvent fact : facts) {
            if (fact instanceof StockpileStillHeldReported held) {
                stillHeld = held;
                completion = null;
            } else if (fact instanceof StockpileDestructionCompleted completed) {
                if (completed.includingRetained()) {
                    includingRetained = completed.completedOn();
                }
                if (completion == null || stillHeld != null) {
                    completion = completed;
                    stillHeld = null;
                }
            }
        }
        if (completion != null) {
            // a completion known only to the month or year counts as late only when its period began after the deadline
            boolean onTime = !completion.completed().earliest().isAfter(deadline);
            return Optional.of(new Status(deadline, completion.completedOn(),
                    onTime ? State.COMPLETED : State.COMPLETED_AFTER_DEADLINE,
                    completion.completed().precision().name(), completion.dateBasis(), completion.minesDestroyed(),
                    completion.figurePrecision(), figure(completion.minesDestroyed(), completion.figurePrecision()),
                    completion.note(), completion.sourceConflict(), includingRetained, null, null));
        }
        State state = stillHeld != null && stillHeld.reported().earliest().isAfter(deadline) ? State.NOT_COMPLETED
                : asOf.isAfter(deadline) ? State.NO_COMPLETION_RECORDED : State.PENDING;
        return Optional.of(new Status(deadline, null, state, null, null, null, null, null,
                stillHeld == null ? null : stillHeld.note(), null, includingRetained,
                stillHeld == null ? null : stillHeld.reportedOn(),
                stillHeld == null ? null : figure(stillHeld.minesHeld(), stillHeld.figurePrecision())));
    }

    /**
     * A stated number of mines as a person may quote it, never more exact than the source: "1,683,860", "about
     * 3,400,000", "more than 90,000", "360,000 as stated", "a range (see note)"; null when no number is stated.
     */
    public static String figure(Long mines, FigurePrecision precision) {
        if (precision == FigurePrecision.RANGE) {
            return "a range (see note)";
        }
        if (mines == null) {
            return null;
        }
        String number = NumberFormat.getIntegerInstance(Locale.ENGLISH).format(mines);
        return precision == null ? number + " (precision not stated)" : switch (precision) {
            case EXACT -> number;
            case APPROXIMATE -> "about " + number;
            case LOWER_BOUND -> "more than " + number;
            default -> number + " as stated";
        };
    }
}
