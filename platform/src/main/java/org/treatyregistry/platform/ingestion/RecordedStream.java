package org.treatyregistry.platform.ingestion;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.platform.eventstore.EventStoreAutoConfiguration;
import org.treatyregistry.platform.facts.Facts;

/**
 * One aggregate's stream as the event store holds it now (not an eventually consistent view). Which client ids
 * are recorded is the store's own index to answer ({@link IngestionLog}), not the stream's.
 */
public record RecordedStream(List<Fact> facts) {

    public static RecordedStream load(EventStore eventStore, String aggregateId) {
        return new RecordedStream(eventStore.readEvents(aggregateId).asStream().<Fact>map(Facts::of).toList());
    }

    /**
     * The facts recorded under one client id in a stream, in order (an item that corrects records its retraction,
     * then the fact).
     */
    public static List<Fact> recordedUnder(EventStore eventStore, String aggregateId, String clientId) {
        return eventStore.readEvents(aggregateId).asStream()
                .filter(m -> clientId.equals(m.getMetaData().get(EventStoreAutoConfiguration.CLIENT_ID)))
                .<Fact>map(Facts::of).toList();
    }

    public List<StateEvent> events() {
        return facts.stream().map(Fact::event).toList();
    }
}
