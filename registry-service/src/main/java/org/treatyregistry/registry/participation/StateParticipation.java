package org.treatyregistry.registry.participation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.YearMonth;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.treatyregistry.contract.participation.InstrumentDeposited;

/**
 * One State's participation in the Convention, event-sourced: the command handlers check the Convention's
 * rules against the State's history and record facts; state changes only in the event sourcing handlers.
 * The aggregate identifier is the State's ISO3 code, so concurrent posts about one State are serialised by
 * optimistic concurrency on its event stream.
 */
@Aggregate
public class StateParticipation {

    @AggregateIdentifier
    private String iso3;
    private boolean bound;

    protected StateParticipation() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DepositInstrument command) {
        String name = Countries.nameOf(command.iso3()).orElseThrow(() -> new RuleViolation("unknown-state",
                "'" + command.iso3() + "' is not an ISO 3166-1 alpha-3 code."));
        if (bound) {
            // Art. 16: a State consents to be bound once; a second instrument while bound has no effect.
            throw new RuleViolation("already-bound", name + " has already deposited an instrument and is bound "
                    + "by the Convention; a second instrument cannot be recorded while it is bound.");
        }
        apply(new InstrumentDeposited(command.iso3(), name, command.instrumentType(), command.depositDate(),
                EntryIntoForce.forDepositIn(YearMonth.from(command.depositDate())),
                command.provisionalApplication(), command.sourceReference()));
    }

    @EventSourcingHandler
    void on(InstrumentDeposited event) {
        iso3 = event.iso3();
        bound = true;
    }
}
