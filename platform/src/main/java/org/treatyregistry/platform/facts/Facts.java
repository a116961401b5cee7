package org.treatyregistry.platform.facts;

import org.axonframework.eventhandling.EventMessage;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.platform.kafka.CloudEventCodec;

/** The recorded fact an event message of this service's own store carries. */
public final class Facts {

    private Facts() {
    }

    /** Its event id, recording time, the principal who posted it (from the metadata) and the event. */
    public static Fact of(EventMessage<?> message) {
        Object principal = message.getMetaData().get(CloudEventCodec.PRINCIPAL);
        return new Fact(message.getIdentifier(), message.getTimestamp(),
                principal == null ? null : principal.toString(), (StateEvent) message.getPayload());
    }
}
