package org.treatyregistry.platform.ingestion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.platform.eventstore.EventStoreAutoConfiguration;

/**
 * One aggregate's stream as the event store holds it now (not an eventually consistent view): its facts, and
 * the client ids they were posted under, by which a retried post recognises what an earlier attempt recorded.
 */
public record RecordedStream(List<Entry> facts, Set<String> clientIds) {

    /** A recorded fact with its event id and recording time. */
    public record Entry(String eventId, Instant recordedAt, StateEvent event) {
    }

    public static RecordedStream load(EventStore eventStore, String aggregateId) {
        List<Entry> facts = new ArrayList<>();
        Set<String> clientIds = new HashSet<>();
        eventStore.readEvents(aggregateId).asStream().forEach(e -> {
            facts.add(new Entry(e.getIdentifier(), e.getTimestamp(), (StateEvent) e.getPayload()));
            Object clientId = e.getMetaData().get(EventStoreAutoConfiguration.CLIENT_ID);
            if (clientId != null) {
                clientIds.add(clientId.toString());
            }
        });
        return new RecordedStream(facts, clientIds);
    }

    public List<StateEvent> events() {
        return facts.stream().map(Entry::event).toList();
    }
}
