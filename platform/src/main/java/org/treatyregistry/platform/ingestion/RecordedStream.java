package org.treatyregistry.platform.ingestion;

import java.time.Instant;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.treatyregistry.contract.StateEvent;

/**
 * One aggregate's stream as the event store holds it now (not an eventually consistent view). Which client ids
 * are recorded is the store's own index to answer ({@link IngestionLog}), not the stream's.
 */
public record RecordedStream(List<Entry> facts) {

    /** A recorded fact with its event id and recording time. */
    public record Entry(String eventId, Instant recordedAt, StateEvent event) {
    }

    public static RecordedStream load(EventStore eventStore, String aggregateId) {
        return new RecordedStream(eventStore.readEvents(aggregateId).asStream()
                .map(e -> new Entry(e.getIdentifier(), e.getTimestamp(), (StateEvent) e.getPayload()))
                .toList());
    }

    public List<StateEvent> events() {
        return facts.stream().map(Entry::event).toList();
    }
}
