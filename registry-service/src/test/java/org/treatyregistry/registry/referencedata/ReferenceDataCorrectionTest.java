package org.treatyregistry.registry.referencedata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.corrections.FactRetracted;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.contract.participation.TreatySigned;
import org.treatyregistry.convention.participation.EntryIntoForce;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.ingestion.BatchIngestion;
import org.treatyregistry.platform.ingestion.IngestionLog;
import org.treatyregistry.platform.ingestion.PendingFact;
import org.treatyregistry.platform.ingestion.RecordedStream;
import org.treatyregistry.platform.instances.ServiceLock;
import org.treatyregistry.platform.referencedata.LoadReport;
import org.treatyregistry.registry.RegistryApplication;
import org.treatyregistry.registry.ingestion.RegistryIngestion;
import org.treatyregistry.registry.participation.RecordFacts;

/**
 * A store loaded from the data before its correction of 6 December 2026 holds Ukraine's signature and deposit with
 * the old source, as the registry recorded them then (client ids of the rows, fingerprints of the old scheme). The
 * next start records each as a correction of the fact loaded before; history keeps the old; the start after records
 * nothing new.
 */
@SpringBootTest(classes = RegistryApplication.class, properties = "spring.config.name=registry-service")
class ReferenceDataCorrectionTest {

    private static final String OLD_SOURCE = "participation.csv: https://babel.ua/en/amp/news/119174-poland-to-"
            + "withdraw-from-the-anti-personnel-mine-ban-convention ; https://zoek.officielebekendmakingen.nl/"
            + "trb-2003-112.html";
    private static final String NEW_SOURCE = "participation.csv: http://archives.the-monitor.org/index.php/"
            + "publications/display?url=lm/2007/ukraine.html";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties("registry-correction").forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    RegistryIngestion ingestion;
    @Autowired
    BatchIngestion batches;
    @Autowired
    ServiceLock lock;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;

    private static String rowClientId(String key) {
        return UUID.nameUUIDFromBytes(("reference-data:UKR:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private List<StateEvent> ukraine() {
        return RecordedStream.load(eventStore, "UKR").events();
    }

    @Test
    void aRowCorrectedInTheDataIsRecordedAsACorrectionOfTheFactLoadedBefore() {
        LocalDate signed = LocalDate.of(1999, 2, 24);
        PartialDate deposited = PartialDate.parse("2005-12-27");
        commands.sendAndWait(new RecordFacts("UKR", List.of(
                new PendingFact(new TreatySigned("UKR", "Ukraine", signed, signed, OLD_SOURCE),
                        rowClientId("signature"), IngestionLog.fingerprint("PostedFact[... signature ...]")),
                new PendingFact(new InstrumentDeposited("UKR", "Ukraine", InstrumentType.RATIFICATION, "2005-12-27",
                        null, EntryIntoForce.of(deposited, null), false, OLD_SOURCE), rowClientId("deposit"),
                        IngestionLog.fingerprint("PostedFact[... deposit ...]")))));

        ReferenceDataLoader loader = new ReferenceDataLoader(ingestion, batches, eventStore, lock);
        LoadReport upgrade = loader.load();

        assertThat(upgrade.refused()).isEmpty();
        assertThat(upgrade.flagged()).filteredOn(f -> f.contains("changed in this release")).hasSize(2)
                .allMatch(f -> f.startsWith("participation.csv UKR "));
        List<StateEvent> history = ukraine();
        assertThat(history).filteredOn(FactRetracted.class::isInstance).hasSize(2);
        assertThat(history).filteredOn(e -> e instanceof TreatySigned || e instanceof InstrumentDeposited)
                .extracting(e -> e instanceof TreatySigned t ? t.sourceReference()
                        : ((InstrumentDeposited) e).sourceReference())
                .as("history keeps what was recorded then").containsExactly(OLD_SOURCE, OLD_SOURCE, NEW_SOURCE,
                        NEW_SOURCE);
        StateHistory now = StateHistory.of("UKR", RecordedStream.load(eventStore, "UKR").facts());
        assertThat(now.deposits()).singleElement().satisfies(d -> {
            assertThat(d.sourceReference()).isEqualTo(NEW_SOURCE);
            assertThat(d.entryIntoForce()).isEqualTo(LocalDate.of(2006, 6, 1));
        });
        assertThat(now.signature()).get().extracting(TreatySigned::sourceReference).isEqualTo(NEW_SOURCE);

        LoadReport again = loader.load();
        assertThat(again.recorded()).as("the next start records nothing new").isZero();
        assertThat(again.refused()).isEmpty();
        assertThat(ukraine()).hasSameSizeAs(history);
    }
}
