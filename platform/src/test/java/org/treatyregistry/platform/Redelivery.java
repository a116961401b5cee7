package org.treatyregistry.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.platform.kafka.CloudEventCodec;
import org.treatyregistry.platform.kafka.InboundEvent;

/**
 * For redelivery tests of projections: a database of their own, and events as a projection receives them, from its
 * service's event store or from another service's topic. A projection is idempotent when the same events delivered
 * twice leave the read model as once.
 */
public final class Redelivery {

    private static MongoClient client;

    private Redelivery() {
    }

    public static synchronized MongoDatabase freshDatabase() {
        if (client == null) {
            client = MongoClients.create(TestInfrastructure.mongoBaseUri());
        }
        return client.getDatabase("redelivery-" + UUID.randomUUID());
    }

    /** The JSON the services store payloads with (Axon's {@code defaultAxonObjectMapper}). */
    public static ObjectMapper json() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** An event of the service's own store, recorded at {@code recordedAt} by an integration. */
    public static EventMessage<StateEvent> stored(String eventId, Instant recordedAt, StateEvent event) {
        return new GenericEventMessage<>(new GenericMessage<>(eventId, event,
                MetaData.from(Map.of(CloudEventCodec.PRINCIPAL, "integration"))), () -> recordedAt);
    }

    /** An event received from {@code service}'s topic. */
    public static InboundEvent received(String service, String eventId, Instant recordedAt, StateEvent event) {
        return new InboundEvent(eventId, "/treaty-registry/" + service, "org.treatyregistry."
                + event.getClass().getSimpleName(), event.iso3(), event.effectiveDate(), recordedAt, "integration", 0,
                event);
    }
}
