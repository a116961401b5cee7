package org.treatyregistry.reporting.landrelease;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.contract.landrelease.LandReleased;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.platform.Redelivery;
import org.treatyregistry.platform.transparency.TransparencyLog;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.transparency.NoteKeys;

class ContaminationRedeliveryTest {

    private static final Instant T = Instant.parse("2025-07-01T10:00:00Z");

    @Test
    void theSameEventsDeliveredTwiceGiveTheSameReadModel() {
        MongoDatabase database = Redelivery.freshDatabase();
        ContaminationStore store = new ContaminationStore(database);
        ContaminationProjection projection = new ContaminationProjection(store);
        ContaminationController views = new ContaminationController(store, new ContaminationReader(store),
                new TransparencyLog(database, "test/reporting", NoteKeys.signer(NoteKeys.generate("test/reporting")),
                        Clock.systemUTC()));
        List<Fact> events = List.of(
                new Fact("a1", T, new HazardousAreaRecorded("KHM", "BTB-001",
                        LocalDate.of(2020, 3, 1), HazardousAreaRecorded.AreaStatus.CONFIRMED, 5_000,
                        HazardousAreaRecorded.Contamination.AP_MINES, false, null)),
                new Fact("a2", T.plusSeconds(1), new LandReleased("KHM", "BTB-001",
                        LocalDate.of(2021, 5, 1), LandReleased.Method.CLEARED, 2_000, 3, null)));
        Reading reading = new Reading(LocalDate.of(2025, 12, 31), T.plusSeconds(60));

        record Views(List<StateContamination> all, HazardousAreaView area) {
        }
        Views once = Redelivery.deliveredTwice(List.of(events), projection::project,
                () -> new Views(views.ofAll(reading), views.area("KHM", "BTB-001")));
        assertThat(once.all()).singleElement().satisfies(khm -> assertThat(khm.remainingM2()).isEqualTo(3_000));
    }
}
