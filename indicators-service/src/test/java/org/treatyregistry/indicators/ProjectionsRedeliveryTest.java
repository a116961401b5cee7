package org.treatyregistry.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.reports.ReportReceived;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.indicators.participation.RegistryFacts;
import org.treatyregistry.indicators.reporting.ReportsProjection;
import org.treatyregistry.platform.Redelivery;
import org.treatyregistry.platform.kafka.InboundEvent;

/** Each projection of the other services' topics: the same events delivered twice give the same read model. */
class ProjectionsRedeliveryTest {

    private static final Instant T = Instant.parse("2025-07-01T10:00:00Z");

    @Test
    void participantsDeliveredTwiceAreAsOnce() {
        RegistryFacts participants = new RegistryFacts(Redelivery.freshDatabase(), Redelivery.json());
        List<InboundEvent> events = Redelivery.registryDeposits(T);

        assertThat(Redelivery.deliveredTwice(events, participants::on,
                () -> participants.histories(T.plusSeconds(60)).stream().map(StateHistory::facts).toList())).hasSize(2);
    }

    @Test
    void reportsDeliveredTwiceAreAsOnce() {
        ReportsProjection reports = new ReportsProjection(Redelivery.freshDatabase(), Redelivery.json());
        List<InboundEvent> events = List.of(Redelivery.received("reporting-service", "r1", T,
                new ReportReceived("UKR", "2008", "2009-04-20", "submitted", null)));

        Map<String, ReportingRecord> once = Redelivery.deliveredTwice(events, reports::on,
                () -> reports.records(T.plusSeconds(60)));
        assertThat(once.get("UKR").facts()).hasSize(1);
    }
}
