package org.treatyregistry.reporting.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.Redelivery;
import org.treatyregistry.platform.kafka.InboundEvent;

class RegistryFactsRedeliveryTest {

    private static final Instant T = Instant.parse("2025-07-01T10:00:00Z");

    @Test
    void theSameEventsDeliveredTwiceGiveTheSameReadModel() {
        RegistryFacts facts = new RegistryFacts(Redelivery.freshDatabase(), Redelivery.json());
        List<InboundEvent> events = Redelivery.registryDeposits(T);

        assertThat(Redelivery.deliveredTwice(events, facts::on, () -> factsOf(facts.histories(T.plusSeconds(60)))))
                .containsOnlyKeys("UKR", "MNG");
    }

    private static Map<String, List<?>> factsOf(Map<String, StateHistory> histories) {
        return histories.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().facts()));
    }
}
