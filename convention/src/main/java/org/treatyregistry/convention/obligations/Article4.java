package org.treatyregistry.convention.obligations;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Optional;
import org.treatyregistry.contract.obligations.StockpileDestructionCompleted;
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
     * non-compliance (the reporting service's stockpile facts are).
     */
    public enum State { COMPLETED, COMPLETED_AFTER_DEADLINE, PENDING, NO_COMPLETION_RECORDED }

    public record Status(LocalDate deadline, String completedOn, State state) {

        /** Missed on the record: a completion recorded after the deadline. */
        public boolean missed() {
            return state == State.COMPLETED_AFTER_DEADLINE;
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
        Optional<StockpileDestructionCompleted> completion = history.factsOfParticipationOn(asOf).stream()
                .filter(StockpileDestructionCompleted.class::isInstance)
                .map(StockpileDestructionCompleted.class::cast)
                .filter(c -> !c.completed().certainBy().isAfter(asOf))
                .max(Comparator.comparing(c -> c.completed().certainBy()));
        if (completion.isPresent()) {
            // a completion known only to the month or year counts as late only when its period began after the deadline
            boolean onTime = !completion.get().completed().earliest().isAfter(deadline);
            return Optional.of(new Status(deadline, completion.get().completedOn(),
                    onTime ? State.COMPLETED : State.COMPLETED_AFTER_DEADLINE));
        }
        return Optional.of(new Status(deadline, null,
                asOf.isAfter(deadline) ? State.NO_COMPLETION_RECORDED : State.PENDING));
    }
}
