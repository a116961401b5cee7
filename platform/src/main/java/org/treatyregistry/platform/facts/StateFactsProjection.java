package org.treatyregistry.platform.facts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.treatyregistry.contract.StateEvent;

/**
 * A read model of the service's own events, kept by State ({@link StateFactStore}): each event it holds
 * is added once, however often it is delivered, and a replay starts from an empty store. A subclass names its
 * processing group and collection, says which events it holds, and answers its reads.
 */
public abstract class StateFactsProjection extends StateFactsReadModel {

    protected StateFactsProjection(MongoDatabase serviceDatabase, String collection, ObjectMapper json) {
        super(serviceDatabase, collection, json);
    }

    /** Which of the service's events this read model holds: all of them unless a subclass says otherwise. */
    protected boolean holds(StateEvent event) {
        return true;
    }

    @EventHandler
    public void on(StateEvent event, EventMessage<?> message) {
        if (holds(event)) {
            store.append(message);
        }
    }

    @ResetHandler
    public void reset() {
        store.clear();
    }
}
