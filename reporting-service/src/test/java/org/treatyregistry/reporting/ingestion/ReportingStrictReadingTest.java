package org.treatyregistry.reporting.ingestion;

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
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.ingestion.RecordedStream;
import org.treatyregistry.reporting.ReportingApplication;

/**
 * Reporting reads posts with platform's strict reader, nested report content included: each bad item refused with
 * its field, the whole post refused, nothing stored.
 */
@SpringBootTest(classes = ReportingApplication.class, properties = "spring.config.name=reporting-service")
class ReportingStrictReadingTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties("reporting-strict").forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    ReportingIngestion ingestion;
    @Autowired
    EventStore eventStore;

    private static final Map<String, Object> STOCKPILE = item("StockpileDeclared", "iso3", "UKR",
            "declaredOn", "2006-06-01", "mineType", "PMN", "quantity", 6_664_424);

    private static Map<String, Object> report(Object stockpile) {
        return item("ReportSubmitted", "iso3", "UKR", "period", "2006", "receivedOn", "2007-04-30",
                "content", Map.of("nationalMeasures", "IN_PROGRESS", "stockpile", stockpile));
    }

    @Test
    void refusesEveryBadItemWithItsFieldAndStoresNothing() {
        List<Map<String, Object>> post = List.of(
                with(STOCKPILE, "bogusField", 1),                                  // 0
                with(STOCKPILE, "lott", "12/1988"),                                // 1: a misspelt optional field
                with(STOCKPILE, "vote", "YES"),                                    // 2: another service's field
                with(STOCKPILE, "declaredOn", 12345),                              // 3: a number for a date
                with(STOCKPILE, "mineType", 12345),                                // 4: a number for text
                with(STOCKPILE, "quantity", 1.5),                                  // 5: 1.5 mines
                with(STOCKPILE, "mineType", "A\u0000B\u202e"),                     // 6: control characters
                report(Map.of("mineType", "PMN", "quantity", 10)),                 // 7: one line for a list
                report(List.of(Map.of("mineTyp", "PMN", "quantity", 10))));        // 8: misspelt, nested

        assertRefused(() -> ingestion.post(post, "integration"),
                tuple(0, "bogusField", "unknown-field", null),
                tuple(1, "lott", "unknown-field", "lot"),
                tuple(2, "vote", "unknown-field", null),
                tuple(3, "declaredOn", "wrong-type", null),
                tuple(4, "mineType", "wrong-type", null),
                tuple(5, "quantity", "wrong-type", null),
                tuple(6, "mineType", "control-character", null),
                tuple(7, "content.stockpile", "wrong-type", null),
                tuple(8, "content.stockpile[0].mineTyp", "unknown-field", "mineType"));
        assertThat(RecordedStream.load(eventStore, "UKR").facts()).isEmpty();
    }
}
