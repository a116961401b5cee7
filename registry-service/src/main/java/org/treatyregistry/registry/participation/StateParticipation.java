package org.treatyregistry.registry.participation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.Countries;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.obligations.Article5;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.eventstore.EventStoreAutoConfiguration;
import org.treatyregistry.platform.ingestion.PendingFact;

/**
 * One State's record, event-sourced: the command handler checks each fact against the Convention's rules
 * ({@link StateHistory}, {@link Article5}) and records it; state changes only in the event sourcing handler.
 * The identifier is the State's ISO3 code, so concurrent posts about one State are serialised by optimistic
 * concurrency on its event stream.
 */
@Aggregate
public class StateParticipation {

    @AggregateIdentifier
    private String iso3;
    private final List<Fact> recorded = new ArrayList<>();
    private final Set<String> clientIds = new HashSet<>();

    protected StateParticipation() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordFacts command) {
        String name = Countries.nameOf(command.iso3()).orElseThrow(() -> new RuleViolation("unknown-state",
                "'" + command.iso3() + "' is not an ISO 3166-1 alpha-3 code."));
        // Facts whose client id is already in this State's stream were recorded by an earlier attempt of the same
        // post: skipping them here, under the stream's optimistic lock, is what makes a retry safe.
        Set<String> alreadyRecorded = Set.copyOf(clientIds);
        for (PendingFact pending : command.facts()) {
            if (alreadyRecorded.contains(pending.clientId())) {
                continue;
            }
            StateHistory history = StateHistory.of(command.iso3(), recorded);
            Optional<RuleViolation> violation = check(history, pending.event(), name);
            if (violation.isPresent()) {
                throw violation.get();
            }
            apply(pending.event(), pending.metaData());
        }
    }

    public static Optional<RuleViolation> check(StateHistory history, StateEvent fact, String name) {
        return history.checkParticipation(fact, name).or(() -> Article5.check(history, fact, name));
    }

    @EventSourcingHandler
    void on(StateEvent event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt,
            @MetaDataValue(EventStoreAutoConfiguration.CLIENT_ID) String clientId) {
        iso3 = event.iso3();
        recorded.add(new Fact(eventId, recordedAt, event));
        if (clientId != null) {
            clientIds.add(clientId);
        }
    }
}
