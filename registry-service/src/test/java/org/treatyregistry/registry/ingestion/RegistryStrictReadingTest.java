package org.treatyregistry.registry.ingestion;

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
import org.treatyregistry.registry.RegistryApplication;

/**
 * The registry reads posts with platform's strict reader: unknown and misspelt fields (optional ones too, and
 * fields of other types), numbers for dates and text, control characters: each refused with its field, the whole
 * post refused, nothing stored.
 */
@SpringBootTest(classes = RegistryApplication.class, properties = "spring.config.name=registry-service")
class RegistryStrictReadingTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties("registry-strict").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("treaty.registry.reference-data.load", () -> false);
    }

    @Autowired
    RegistryIngestion ingestion;
    @Autowired
    EventStore eventStore;

    private static final Map<String, Object> DEPOSIT = item("InstrumentDeposited", "iso3", "MNG",
            "instrumentType", "ACCESSION", "depositDate", "2024-06-03");
    private static final Map<String, Object> SIGNATURE = item("TreatySigned", "iso3", "MHL",
            "signatureDate", "1997-12-04");

    @Test
    void refusesEveryBadItemWithItsFieldAndStoresNothing() {
        List<Map<String, Object>> post = List.of(
                with(DEPOSIT, "iso3", "MNG"),                                 // 0: valid, and not recorded either
                with(DEPOSIT, "bogusField", 1),                               // 1
                with(DEPOSIT, "provisionalAplication", true),                 // 2: a misspelt optional field
                with(DEPOSIT, "reasons", "a withdrawal's field"),             // 3: another type's field
                with(DEPOSIT, "depositDate", 20240603),                       // 4: a number for a date
                with(DEPOSIT, "sourceReference", 12345),                      // 5: a number for text
                with(DEPOSIT, "provisionalApplication", "true"),              // 6: text for true or false
                with(DEPOSIT, "instrumentType", "ACCESSION\u202e"),           // 7: a bidirectional override
                with(DEPOSIT, "sourceReference", "A\u0000B"),                 // 8: NUL, even in free text
                with(SIGNATURE, "signatureDate", 12345));                     // 9: not 1970-01-01 + 12345 days

        assertRefused(() -> ingestion.post(post, "integration"),
                tuple(1, "bogusField", "unknown-field", null),
                tuple(2, "provisionalAplication", "unknown-field", "provisionalApplication"),
                tuple(3, "reasons", "unknown-field", null),
                tuple(4, "depositDate", "wrong-type", null),
                tuple(5, "sourceReference", "wrong-type", null),
                tuple(6, "provisionalApplication", "wrong-type", null),
                tuple(7, "instrumentType", "control-character", null),
                tuple(8, "sourceReference", "control-character", null),
                tuple(9, "signatureDate", "wrong-type", null));
        assertThat(RecordedStream.load(eventStore, "MNG").events()).isEmpty();
        assertThat(RecordedStream.load(eventStore, "MHL").events()).isEmpty();
    }

    @Test
    void recordsTheSameItemsOnceTheyAreRight() {
        ingestion.post(List.of(with(DEPOSIT, "sourceReference", "depositary notification\nC.N.123.2024")),
                "integration");
        assertThat(RecordedStream.load(eventStore, "MNG").events()).hasSize(1);
    }
}
