package org.treatyregistry.platform.facts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;

/**
 * A read model of every State's facts ({@link StateFactStore}), fed by the service's own events
 * ({@link StateFactsProjection}) or by another service's topic ({@link InboundStateFacts}).
 */
public abstract class StateFactsReadModel {

    protected final StateFactStore store;

    protected StateFactsReadModel(MongoDatabase serviceDatabase, String collection, ObjectMapper json) {
        this.store = new StateFactStore(serviceDatabase, collection, json);
    }
}
