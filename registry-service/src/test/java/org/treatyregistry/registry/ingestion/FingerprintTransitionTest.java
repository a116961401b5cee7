package org.treatyregistry.registry.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.treatyregistry.platform.ingestion.Refusals.item;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.ingestion.BatchIngestion;
import org.treatyregistry.platform.ingestion.IngestionLog;
import org.treatyregistry.platform.ingestion.PendingFact;
import org.treatyregistry.platform.ingestion.PostedEvent;
import org.treatyregistry.platform.ingestion.RecordedStream;
import org.treatyregistry.registry.RegistryApplication;
import org.treatyregistry.registry.participation.RecordFacts;

/**
 * Facts recorded before fingerprints were canonical JSON carry the digest of a class's {@code toString}, which
 * cannot be recomputed: a re-post of the same content is still ALREADY_RECORDED (the reference data on every
 * start), a changed one still 409; facts recorded now are compared by their canonical fingerprint.
 */
@SpringBootTest(classes = RegistryApplication.class, properties = "spring.config.name=registry-service")
class FingerprintTransitionTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties("registry-fingerprints").forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    RegistryIngestion ingestion;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;

    private static final Map<String, Object> SIGNED = item("TreatySigned", "iso3", "NOR",
            "signatureDate", "1997-12-03", "sourceReference", "depositary notification");

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(SIGNED);
        changed.put(field, value);
        return changed;
    }

    private BatchIngestion.Outcome.Status post(Map<String, Object> item) {
        return ingestion.ingest(List.of(new PostedEvent(item)), "integration")
                .get(0).status();
    }

    @Test
    void aFactWithAnOlderFingerprintIsComparedByWhatItRecorded() {
        String clientId = (String) SIGNED.get("clientId");
        // as the registry recorded it before: the digest of PostedFact.toString() without the client id
        String legacy = IngestionLog.fingerprint("PostedFact[clientId=, type=TreatySigned, iso3=NOR, ...]");
        commands.sendAndWait(new RecordFacts("NOR", List.of(new PendingFact(new TreatySigned("NOR", "Norway",
                LocalDate.of(1997, 12, 3), LocalDate.of(1997, 12, 3), "depositary notification"), clientId,
                legacy))));

        assertThat(post(SIGNED)).isEqualTo(BatchIngestion.Outcome.Status.ALREADY_RECORDED);
        BatchIngestion.Refused changed = catchThrowableOfType(BatchIngestion.Refused.class,
                () -> post(with("sourceReference", "another source")));
        assertThat(changed).isNotNull();
        assertThat(changed.status()).isEqualTo(409);
        assertThat(RecordedStream.load(eventStore, "NOR").events()).hasSize(1);
    }

    @Test
    void aFactRecordedNowIsComparedByItsCanonicalFingerprint() {
        Map<String, Object> signed = item("TreatySigned", "iso3", "CAN", "signatureDate", "1997-12-03");
        assertThat(post(signed)).isEqualTo(BatchIngestion.Outcome.Status.RECORDED);

        Map<String, Object> reordered = new LinkedHashMap<>();
        List.of("signatureDate", "iso3", "type", "clientId").forEach(k -> reordered.put(k, signed.get(k)));
        assertThat(post(reordered)).isEqualTo(BatchIngestion.Outcome.Status.ALREADY_RECORDED);
        Map<String, Object> changed = new LinkedHashMap<>(signed);
        changed.put("signatureDate", "1997-12-04");
        assertThat(catchThrowableOfType(BatchIngestion.Refused.class, () -> post(changed)).status()).isEqualTo(409);
    }
}
