package org.treatyregistry.registry.referencedata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.corrections.FactRetracted;
import org.treatyregistry.contract.obligations.DateBasis;
import org.treatyregistry.contract.obligations.FigurePrecision;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.convention.obligations.Article4;
import org.treatyregistry.convention.obligations.Article5;
import org.treatyregistry.convention.participation.ParticipationStatus;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.ingestion.RecordedStream;
import org.treatyregistry.platform.referencedata.LoadReport;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.registry.RegistryApplication;
import org.treatyregistry.registry.participation.RegistryProjection;
import org.treatyregistry.registry.participation.StateView;

/**
 * The real record (participation, 2025 withdrawals, Article 5 histories, affected States, Article 4 stockpile
 * destruction), loaded through the integrations'
 * validation, answers for any date.
 */
@SpringBootTest(classes = RegistryApplication.class, properties = "spring.config.name=registry-service")
class ReferenceDataLoadTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties("registry-refdata").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("treaty.registry.reference-data.load", () -> true);
    }

    @Autowired
    ReferenceDataLoader loader;
    @Autowired
    RegistryProjection projection;
    @Autowired
    Clock clock;
    @Autowired
    EventStore eventStore;

    private Map<String, StateView> on(String date) {
        Reading reading = Reading.of(LocalDate.parse(date), Instant.now(), clock);
        return projection.all().stream().map(s -> s.knownAt(reading.knownAt()))
                .map(h -> StateView.of(h, h.iso3(), reading))
                .collect(Collectors.toMap(StateView::iso3, Function.identity()));
    }

    private Article5.Status article5(String iso3, String date) {
        return on(date).get(iso3).article5();
    }

    /** Before the application started, so before the reference data was recorded. */
    private static final Instant started = Instant.now();

    /** Real chains from the Article 5 histories, with their partial dates, meeting-only decisions and doubts. */
    private void assertArticle5Chains() {
        // Bosnia and Herzegovina: 2009 -> 2019 (9MSP) -> 2021 (17MSP) -> 2027 (18MSP, its request not on record)
        assertThat(article5("BIH", "2008-11-27").deadline()).isEqualTo(LocalDate.of(2009, 3, 1));
        assertThat(article5("BIH", "2008-11-28").deadline()).isEqualTo(LocalDate.of(2019, 3, 1));
        assertThat(article5("BIH", "2019-01-01").deadline()).isEqualTo(LocalDate.of(2021, 3, 1));
        Article5.Status bosnia = article5("BIH", "2021-01-01");
        assertThat(bosnia.deadline()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(bosnia.decidingMeetings()).containsExactly("9MSP", "17MSP", "18MSP");
        assertThat(bosnia.decisions().get(1).precision()).isEqualTo(Article5.Decision.Precision.MONTH);
        assertThat(bosnia.decisions().get(2).requestOnRecord()).isFalse();

        // Cambodia: a first grant with neither date nor meeting, then RC4, then 22MSP to 31 December 2030
        Article5.Status cambodia = article5("KHM", "2026-03-01");
        assertThat(cambodia.deadline()).isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(cambodia.decidingMeetings()).containsExactly("RC4", "22MSP");
        assertThat(cambodia.decisions().get(0).precision()).isEqualTo(Article5.Decision.Precision.UNKNOWN);
        assertThat(cambodia.decisions().get(0).inForceFrom()).isEqualTo(LocalDate.of(2010, 1, 1));

        // Mauritania: completion, reopening, and a new deadline
        assertThat(article5("MRT", "2019-06-01").state()).isEqualTo(Article5.State.COMPLETED);
        Article5.Status reopened = article5("MRT", "2020-07-01");
        assertThat(reopened.state()).isEqualTo(Article5.State.REOPENED);
        assertThat(reopened.deadline()).as("the 14MSP deadline still runs").isEqualTo(LocalDate.of(2021, 1, 1));
        assertThat(article5("MRT", "2022-01-01").deadline()).isEqualTo(LocalDate.of(2026, 12, 31));

        // Afghanistan's first grant, known only by its meeting: in force from 12MSP's last day
        Article5.Decision afghanistan = article5("AFG", "2013-01-01").decisions().get(0);
        assertThat(afghanistan.precision()).isEqualTo(Article5.Decision.Precision.MEETING);
        assertThat(afghanistan.inForceFrom()).isEqualTo(LocalDate.of(2012, 12, 7));

        // The Gambia: completion, a reopening known only by its year, completion again on 5 December 2012
        assertThat(article5("GMB", "2013-06-01").state()).isEqualTo(Article5.State.COMPLETED);

        // Argentina's grant: the sources disagree on the deadline, and the status says so
        assertThat(article5("ARG", "2010-01-01").conflicts()).anyMatch(c -> c.contains("LM2019"));
    }

    /** The four article5.csv rows refused before: mined areas found with no completion before them. */
    private void assertNewContamination() {
        // Burkina Faso (2023), Cameroon and Mali (2017): no obligation before; the find creates one, and the
        // original deadline having passed, none is in force until the States Parties decide one
        for (String iso3 : List.of("BFA", "CMR", "MLI")) {
            Article5.Status status = article5(iso3, "2026-03-01");
            assertThat(status.state()).as(iso3).isEqualTo(Article5.State.NEWLY_AFFECTED);
            assertThat(status.deadline()).as(iso3).isNull();
            assertThat(status.overdue()).as(iso3).isFalse();
            assertThat(status.flags()).as(iso3).anyMatch(f -> f.contains("no deadline in force"));
            assertThat(status.areasFound()).as(iso3).singleElement()
                    .satisfies(a -> assertThat(a.effect()).isEqualTo(Article5.FindEffect.NEW_OBLIGATION));
        }
        assertThat(article5("BFA", "2022-12-31")).as("no obligation before the find").isNull();
        assertThat(article5("MLI", "2026-03-01").affectedSince()).isEqualTo("2017");
        // Serbia (2019): found while its deadline of 1 March 2023 ran, and added to that obligation
        Article5.Status serbia = article5("SRB", "2020-01-01");
        assertThat(serbia.state()).isEqualTo(Article5.State.CLEARING);
        assertThat(serbia.deadline()).isEqualTo(LocalDate.of(2023, 3, 1));
        assertThat(serbia.areasFound()).singleElement()
                .satisfies(a -> assertThat(a.effect()).isEqualTo(Article5.FindEffect.ADDED_TO_OBLIGATION));
    }

    /** affected_states.csv: the obligation runs from entry into force (Art. 5.1), ten years to the deadline. */
    private void assertAffectedStates() {
        assertThat(article5("OMN", "2026-03-01").originalDeadline()).isEqualTo(LocalDate.of(2025, 2, 1));
        assertThat(article5("OMN", "2026-03-01").affectedSince()).isEqualTo("2015");
        assertThat(article5("PSE", "2026-03-01").deadline()).isEqualTo(LocalDate.of(2028, 6, 1));
        assertThat(article5("LKA", "2026-03-01").deadline()).isEqualTo(LocalDate.of(2028, 6, 1));
        assertThat(article5("LKA", "2026-03-01").evidence()).startsWith("affected_states.csv");
    }

    private void assertArticle4Completions(Map<String, StateView> march2026) {
        Article4.Status albania = march2026.get("ALB").article4();
        assertThat(albania.completedOn()).isEqualTo("2002-04-04");
        assertThat(albania.state()).isEqualTo(Article4.State.COMPLETED);
        assertThat(albania.figure()).isEqualTo("1,683,860");
        Article4.Status belarus = march2026.get("BLR").article4();
        assertThat(belarus.completedOn()).isEqualTo("2017-04-05");
        assertThat(belarus.deadline()).isEqualTo(LocalDate.of(2008, 3, 1));
        assertThat(belarus.state()).isEqualTo(Article4.State.COMPLETED_AFTER_DEADLINE);
        assertThat(belarus.dateBasis()).isEqualTo(DateBasis.ANNOUNCED);
        assertThat(belarus.figure()).isEqualTo("about 3,400,000");
        assertThat(march2026.get("ARG").article4().figure()).isEqualTo("more than 90,000");
        assertThat(march2026.get("ARG").article4().sourceConflict()).contains("85,000");
        assertThat(march2026.get("SLE").article4().figurePrecision()).isEqualTo(FigurePrecision.RANGE);
        assertThat(march2026.get("SLE").article4().note()).contains("between 956 and 959");
        assertThat(march2026.get("TKM").article4().completedOn()).isEqualTo("2003-02-28");
        assertThat(march2026.get("TKM").article4().includingRetainedOn()).isEqualTo("2005-04");
        assertThat(march2026.get("CPV").article4().dateBasis()).isEqualTo(DateBasis.REPORTED);
        for (String iso3 : List.of("GRC", "UKR")) {
            Article4.Status held = march2026.get(iso3).article4();
            assertThat(held.state()).as(iso3).isEqualTo(Article4.State.NOT_COMPLETED);
            assertThat(held.completedOn()).as(iso3).isNull();
            assertThat(held.stillHeldReportedOn()).as(iso3).isEqualTo("2024");
        }
        assertThat(march2026.get("UKR").article4().stillHeld()).isEqualTo("3,364,433 as stated");
    }

    /** participation.csv: South Sudan's succession, deposited 11 November 2011, effective from 9 July 2011. */
    private void assertSouthSudanBoundFromIndependence() {
        StateView southSudan = on("2011-07-10").get("SSD");
        assertThat(southSudan.status()).isEqualTo(ParticipationStatus.STATE_PARTY);
        assertThat(southSudan.entryIntoForce()).isEqualTo(LocalDate.of(2011, 7, 9));
        assertThat(southSudan.article5().originalDeadline()).isEqualTo(LocalDate.of(2021, 7, 9));
        Reading beforeRecorded = Reading.of(LocalDate.of(2011, 7, 10), started, clock);
        StateView unknown = StateView.of(projection.find("SSD").orElseThrow().knownAt(beforeRecorded.knownAt()), "SSD",
                beforeRecorded);
        assertThat(unknown.status()).as("before the deposit was recorded, nothing was known")
                .isEqualTo(ParticipationStatus.NOT_SIGNED);
        assertThat(unknown.entryIntoForce()).isNull();
    }

    private static long parties(Map<String, StateView> states) {
        return states.values().stream().filter(v -> v.status() == ParticipationStatus.STATE_PARTY
                || v.status() == ParticipationStatus.WITHDRAWAL_PENDING).count();
    }

    @Test
    void loadsTheRecordOnceAndAnswersForAnyDate() {
        LoadReport first = loader.report();
        // Every row of the real record is recorded as it is (new contamination included), gaps flagged
        assertThat(first.refused()).isEmpty();
        assertThat(RecordedStream.load(eventStore, "UKR").events()).as("a fresh store records the corrected row")
                .noneMatch(FactRetracted.class::isInstance)
                .anyMatch(e -> e instanceof InstrumentDeposited d && d.sourceReference().contains("lm/2007/ukraine"));
        assertThat(first.flagged()).anyMatch(f -> f.contains("DNK ExtensionDecided") && f.contains("new deadline"));
        assertThat(first.recorded()).isGreaterThan(300);
        assertThat(first.flagged()).anyMatch(f -> f.contains("POL InstrumentDeposited") && f.contains("month"));
        await().atMost(Duration.ofSeconds(60)).until(() -> projection.all().size() == 165);

        assertThat(parties(on("2010-01-01"))).isEqualTo(156);
        assertThat(parties(on("2024-11-25"))).isEqualTo(164);
        Map<String, StateView> march2026 = on("2026-03-01");
        assertThat(parties(march2026)).isEqualTo(160);
        assertThat(List.of("LTU", "LVA", "EST", "FIN", "POL"))
                .allSatisfy(w -> assertThat(march2026.get(w).status()).as(w).isEqualTo(ParticipationStatus.WITHDRAWN));
        assertThat(march2026.get("UKR").status()).isEqualTo(ParticipationStatus.WITHDRAWAL_PENDING);
        assertThat(march2026.get("UKR").withdrawal().explanation()).contains("Art. 20.3");
        assertThat(march2026.get("POL").instrumentDate()).isEqualTo("2012-12");
        assertThat(march2026.get("POL").instrumentDatePrecision()).isEqualTo(PartialDate.Precision.MONTH);
        assertThat(march2026.get("POL").entryIntoForce()).isEqualTo(LocalDate.of(2013, 6, 1));
        assertThat(march2026.get("MHL").entryIntoForce()).isEqualTo(LocalDate.of(2025, 9, 1));
        assertThat(march2026.get("SSD").entryIntoForce()).isEqualTo(LocalDate.of(2011, 7, 9));

        assertArticle5Chains();
        assertNewContamination();
        assertAffectedStates();
        assertArticle4Completions(march2026);
        assertSouthSudanBoundFromIndependence();

        LoadReport again = loader.load();
        assertThat(again.recorded()).as("a second load records nothing").isZero();
        assertThat(again.alreadyRecorded()).isEqualTo(first.recorded());
    }
}
