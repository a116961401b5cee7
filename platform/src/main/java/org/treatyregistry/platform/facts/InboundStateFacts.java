package org.treatyregistry.platform.facts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.treatyregistry.platform.kafka.InboundEvent;
import org.treatyregistry.platform.kafka.InboundEventHandler;

/**
 * A read model of another service's events, from its topic, kept by State ({@link StateFactStore}): each
 * event it holds is added once, however often Kafka delivers it. A subclass names its collection, says which
 * events it holds, and answers its reads.
 */
public abstract class InboundStateFacts extends StateFactsReadModel implements InboundEventHandler.Batched {

    protected InboundStateFacts(MongoDatabase serviceDatabase, String collection, ObjectMapper json) {
        super(serviceDatabase, collection, json);
    }

    /** Which events of the topics followed this read model holds: all of them unless a subclass says otherwise. */
    protected boolean holds(InboundEvent event) {
        return true;
    }

    @Override
    public void on(InboundEvent event) {
        if (holds(event)) {
            store.append(event.fact());
        }
    }

    /** A poll's events together: each State's facts claimed and put in one go. */
    @Override
    public void onAll(List<InboundEvent> events) {
        store.appendAll(events.stream().filter(this::holds).map(InboundEvent::fact).toList());
    }
}
