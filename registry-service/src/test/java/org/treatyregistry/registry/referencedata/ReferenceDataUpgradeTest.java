package org.treatyregistry.registry.referencedata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.contract.corrections.FactRetracted;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.obligations.Article5;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.ingestion.BatchIngestion;
import org.treatyregistry.platform.ingestion.RecordedStream;
import org.treatyregistry.platform.instances.ServiceLock;
import org.treatyregistry.platform.referencedata.LoadReport;
import org.treatyregistry.platform.referencedata.ReferenceDataLoad;
import org.treatyregistry.registry.RegistryApplication;
import org.treatyregistry.registry.ingestion.RegistryIngestion;

/**
 * A store loaded before new contamination was recorded holds mined areas the loader derived for Burkina Faso
 * from its only row, a find of 2023. Loading the current record corrects that fact with the find, so the store
 * answers as a fresh one: an obligation created in 2023, not one running since 1999 and overdue.
 */
@SpringBootTest(classes = RegistryApplication.class, properties = "spring.config.name=registry-service")
class ReferenceDataUpgradeTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties("registry-upgrade").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("treaty.registry.reference-data.load", () -> false);
    }

    @Autowired
    RegistryIngestion ingestion;
    @Autowired
    EventStore eventStore;
    @Autowired
    ServiceLock lock;
    @Autowired
    BatchIngestion batches;

    private Article5.Status burkinaFaso(String date) {
        List<Fact> facts = RecordedStream.load(eventStore, "BFA").facts();
        return Article5.on(StateHistory.of("BFA", facts), LocalDate.parse(date)).orElse(null);
    }

    @Test
    void aStoreLoadedBeforeReadsAsAFreshOneAfterTheLoad() {
        ReferenceDataLoader loader = new ReferenceDataLoader(ingestion, batches, eventStore, lock);
        // what the earlier loader recorded for Burkina Faso: its participation and the derived mined areas
        LoadReport earlier = loader.load(List.of(
                ReferenceDataLoad.File.of("participation.csv", (rows, result) -> rows.stream()
                        .filter(row -> row.get("iso3").equals("BFA"))
                        .forEach(row -> loader.loadParticipation(row, new ReferenceDataLoader.Posts(result)))),
                ReferenceDataLoad.File.of("article5.csv", (rows, result) -> new ReferenceDataLoader.Posts(result)
                        .post("article5.csv", "BFA", ReferenceDataLoader.fact("BFA", "MinedAreasReported",
                                "article5:affected", "article5.csv: 1 Article 5 facts on record").reportedOn("2023"),
                                null))));
        assertThat(earlier.refused()).isEmpty();
        assertThat(burkinaFaso("2026-03-01").overdue()).as("the derived fact made it overdue since 2009").isTrue();

        LoadReport upgrade = loader.load();
        assertThat(upgrade.refused()).isEmpty();
        Article5.Status status = burkinaFaso("2026-03-01");
        assertThat(status.state()).isEqualTo(Article5.State.NEWLY_AFFECTED);
        assertThat(status.deadline()).isNull();
        assertThat(status.overdue()).isFalse();
        assertThat(burkinaFaso("2022-12-31")).as("no obligation before the find").isNull();
        assertThat(RecordedStream.load(eventStore, "BFA").events()).filteredOn(FactRetracted.class::isInstance)
                .singleElement().satisfies(r -> assertThat(((FactRetracted) r).reason()).contains("no mined areas"));

        LoadReport again = loader.load();
        assertThat(again.recorded()).as("the correction is recorded once").isZero();
        assertThat(again.refused()).isEmpty();
    }
}
