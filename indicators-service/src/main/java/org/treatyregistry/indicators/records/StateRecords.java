package org.treatyregistry.indicators.records;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.platform.eventstore.EventStoreAutoConfiguration;
import org.treatyregistry.platform.ingestion.PendingFact;

/**
 * One State's records that the indicators rest on beyond the registry and Article 7 reports (meetings, votes,
 * moratoria, contributions, assessments of extension requests), event-sourced under the State's ISO3 code.
 */
@Aggregate
public class StateRecords {

    @AggregateIdentifier
    private String iso3;
    private final List<StateEvent> recorded = new ArrayList<>();
    private final Set<String> clientIds = new HashSet<>();

    protected StateRecords() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordIndicatorFacts command) {
        Set<String> alreadyRecorded = Set.copyOf(clientIds);
        for (PendingFact pending : command.facts()) {
            if (!alreadyRecorded.contains(pending.clientId())) {
                RecordRules.check(recorded, pending.event()).ifPresent(violation -> {
                    throw violation;
                });
                apply(pending.event(), pending.metaData());
            }
        }
    }

    @EventSourcingHandler
    void on(StateEvent event, @MetaDataValue(EventStoreAutoConfiguration.CLIENT_ID) String clientId) {
        iso3 = event.iso3();
        recorded.add(event);
        if (clientId != null) {
            clientIds.add(clientId);
        }
    }
}
