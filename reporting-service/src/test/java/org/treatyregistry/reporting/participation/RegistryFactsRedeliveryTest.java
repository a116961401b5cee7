package org.treatyregistry.reporting.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.Redelivery;
import org.treatyregistry.platform.kafka.InboundEvent;

class RegistryFactsRedeliveryTest {

    private static final Instant T = Instant.parse("2025-07-01T10:00:00Z");

    @Test
    void theSameEventsDeliveredTwiceGiveTheSameReadModel() {
        RegistryFacts facts = new RegistryFacts(Redelivery.freshDatabase(), Redelivery.json());
        List<InboundEvent> events = List.of(
                Redelivery.received("registry-service", "e1", T,
                        Facts.deposit("UKR", InstrumentType.ACCESSION, "2005-12-27")),
                Redelivery.received("registry-service", "e2", T.plusSeconds(1),
                        Facts.deposit("MNG", InstrumentType.ACCESSION, "2024-06-03")));

        assertThat(Redelivery.deliveredTwice(events, facts::on, () -> factsOf(facts.histories(T.plusSeconds(60)))))
                .containsOnlyKeys("UKR", "MNG");
    }

    private static Map<String, List<?>> factsOf(Map<String, StateHistory> histories) {
        return histories.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().facts()));
    }
}
