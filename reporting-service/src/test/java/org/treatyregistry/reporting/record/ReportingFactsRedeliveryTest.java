package org.treatyregistry.reporting.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.platform.Redelivery;

class ReportingFactsRedeliveryTest {

    private static final Instant T = Instant.parse("2025-07-01T10:00:00Z");

    @Test
    void theSameEventsDeliveredTwiceGiveTheSameReadModel() {
        ReportingFacts facts = new ReportingFacts(Redelivery.freshDatabase(), Redelivery.json());
        List<StateEvent> reports = Reporting.of("UKR").report("2008", "2009-04-20").report("2009", "2010-04-20")
                .events();
        List<EventMessage<StateEvent>> events = List.of(Redelivery.stored("r1", T, reports.get(0)),
                Redelivery.stored("r2", T.plusSeconds(1), reports.get(1)));

        Map<String, ReportingRecord> once = Redelivery.deliveredTwice(events,
                message -> facts.on(message.getPayload(), message), () -> facts.records(T.plusSeconds(60)));
        assertThat(once.get("UKR").facts()).hasSize(2);
    }
}
