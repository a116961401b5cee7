package org.treatyregistry.registry.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.platform.Redelivery;

class RegistryProjectionRedeliveryTest {

    private static final Instant T = Instant.parse("2025-07-01T10:00:00Z");

    @Test
    void theSameEventsDeliveredTwiceGiveTheSameReadModel() {
        RegistryProjection projection = new RegistryProjection(Redelivery.freshDatabase(), Redelivery.json());
        List<EventMessage<StateEvent>> events = List.of(
                Redelivery.stored("e1", T, new TreatySigned("UKR", "Ukraine", LocalDate.of(1999, 2, 24),
                        LocalDate.of(1999, 2, 24), null)),
                Redelivery.stored("e2", T.plusSeconds(1),
                        Facts.deposit("UKR", InstrumentType.RATIFICATION, "2005-12-27")),
                Redelivery.stored("e3", T.plusSeconds(2),
                        Facts.deposit("MNG", InstrumentType.ACCESSION, "2024-06-03")));

        assertThat(Redelivery.deliveredTwice(events,
                message -> projection.on(message.getPayload(), message), projection::all))
                .extracting(state -> state.facts().size()).containsExactlyInAnyOrder(2, 1);
    }
}
