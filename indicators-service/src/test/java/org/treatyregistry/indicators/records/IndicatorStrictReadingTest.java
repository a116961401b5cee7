package org.treatyregistry.indicators.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.treatyregistry.platform.ingestion.Refusals.assertRefused;
import static org.treatyregistry.platform.ingestion.Refusals.item;
import static org.treatyregistry.platform.ingestion.Refusals.with;

import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.indicators.IndicatorsApplication;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.ingestion.RecordedStream;

/** The indicators read posts with platform's strict reader: each bad item refused with its field, nothing stored. */
@SpringBootTest(classes = IndicatorsApplication.class, properties = "spring.config.name=indicators-service")
class IndicatorStrictReadingTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties("indicators-strict").forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    IndicatorIngestion ingestion;
    @Autowired
    EventStore eventStore;

    private static final Map<String, Object> VOTE = item("UnResolutionVoted", "iso3", "USA",
            "resolution", "A/RES/79/36", "votedOn", "2024-12-02", "vote", "ABSTAIN");

    @Test
    void refusesEveryBadItemWithItsFieldAndStoresNothing() {
        List<Map<String, Object>> post = List.of(
                with(VOTE, "bogusField", 1),                       // 0
                with(VOTE, "sourceRefrence", "UN press release"),  // 1: a misspelt optional field
                with(VOTE, "quantity", 10),                        // 2: another service's field
                with(VOTE, "votedOn", 20241202),                   // 3: a number for a date
                with(VOTE, "resolution", 12345),                   // 4: a number for text
                with(VOTE, "vote", 0),                             // 5: an enum by its ordinal
                with(VOTE, "resolution", "A\u0000B\u202e"));       // 6: control characters

        assertRefused(() -> ingestion.post(post, "integration"),
                tuple(0, "bogusField", "unknown-field", null),
                tuple(1, "sourceRefrence", "unknown-field", "sourceReference"),
                tuple(2, "quantity", "unknown-field", null),
                tuple(3, "votedOn", "wrong-type", null),
                tuple(4, "resolution", "wrong-type", null),
                tuple(5, "vote", "wrong-type", null),
                tuple(6, "resolution", "control-character", null));
        assertThat(RecordedStream.load(eventStore, "USA").facts()).isEmpty();
    }
}
