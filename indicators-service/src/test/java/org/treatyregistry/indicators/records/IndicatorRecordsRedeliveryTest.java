package org.treatyregistry.indicators.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.meetings.DelegationAttended;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.platform.Redelivery;

class IndicatorRecordsRedeliveryTest {

    private static final Instant T = Instant.parse("2025-07-01T10:00:00Z");

    @Test
    void theSameEventsDeliveredTwiceGiveTheSameReadModel() {
        IndicatorRecords records = new IndicatorRecords(Redelivery.freshDatabase(), Redelivery.json());
        LocalDate msp = LocalDate.of(2025, 12, 1);
        List<EventMessage<StateEvent>> events = List.of(
                Redelivery.stored("d1", T, new DelegationAttended("CAN", "22MSP", msp, 10, 6, null)),
                Redelivery.stored("d2", T.plusSeconds(1), new DelegationAttended("KHM", "22MSP", msp, 4, 2, null)));

        Map<String, List<Fact>> once = Redelivery.deliveredTwice(events,
                message -> records.on(message.getPayload(), message), () -> records.records(T.plusSeconds(60)));
        assertThat(once).containsOnlyKeys("CAN", "KHM");
    }
}
