package org.treatyregistry.platform.ingestion;

import org.axonframework.messaging.MetaData;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.platform.eventstore.EventStoreAutoConfiguration;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;

/**
 * A checked fact on its way into a stream: the client id it was posted under, a fingerprint of what was posted,
 * and which of the item's events it is (a posted item may record more than one event).
 */
public record PendingFact(StateEvent event, String clientId, String fingerprint, int ordinal) {

    /** A fact that is the whole of its posted item. */
    public PendingFact(StateEvent event, String clientId, String fingerprint) {
        this(event, clientId, fingerprint, 0);
    }

    /**
     * The metadata the recorded event carries: its client id, and the idempotency key the event store holds
     * unique, so a client id names one fact in the whole store, under concurrency too.
     */
    public MetaData metaData() {
        return MetaData.with(EventStoreAutoConfiguration.CLIENT_ID, clientId)
                .and(MongoEventStorageEngine.CLIENT_KEY, clientId + "#" + ordinal)
                .and(MongoEventStorageEngine.FINGERPRINT, fingerprint);
    }
}
