package org.treatyregistry.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.convention.participation.EntryIntoForce;
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

    /**
     * Delivers the events, reads the model, delivers them all again and reads it once more: the read model must not
     * have changed. Answers it as read once, for the test to say what it holds.
     */
    public static <E, M> M deliveredTwice(List<E> events, Consumer<E> deliver, Supplier<M> readModel) {
        events.forEach(deliver);
        M once = readModel.get();
        events.forEach(deliver);
        assertThat(readModel.get()).as("the read model after the same events again").isEqualTo(once);
        return once;
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

    /** Two of the registry's deposits (Ukraine, Mongolia) as another service receives them from its topic. */
    public static List<InboundEvent> registryDeposits(Instant at) {
        return List.of(received("registry-service", "e1", at, accession("UKR", "2005-12-27")),
                received("registry-service", "e2", at.plusSeconds(1), accession("MNG", "2024-06-03")));
    }

    private static InstrumentDeposited accession(String iso3, String date) {
        return new InstrumentDeposited(iso3, iso3, InstrumentType.ACCESSION, date, null,
                EntryIntoForce.of(PartialDate.parse(date), null), false, null);
    }
}
