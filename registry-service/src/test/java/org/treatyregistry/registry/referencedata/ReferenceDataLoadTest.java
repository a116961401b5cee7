package org.treatyregistry.registry.referencedata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.convention.obligations.Article5;
import org.treatyregistry.convention.participation.ParticipationStatus;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.registry.RegistryApplication;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.registry.participation.RegistryProjection;
import org.treatyregistry.registry.participation.StateView;

/**
 * The real record (participation, 2025 withdrawals, Article 5 histories), loaded through the integrations'
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

    private Map<String, StateView> on(String date) {
        Reading reading = Reading.of(LocalDate.parse(date), Instant.now(), clock);
        return projection.all().stream().map(s -> s.knownAt(reading.knownAt()))
                .map(h -> StateView.of(h, h.iso3(), reading))
                .collect(Collectors.toMap(StateView::iso3, Function.identity()));
    }

    private Article5.Status article5(String iso3, String date) {
        return on(date).get(iso3).article5();
    }

    /** Real chains from the Article 5 histories, with their partial dates, meeting-only decisions and doubts. */
    private void assertArticle5Chains() {
        // Bosnia and Herzegovina: 2009 -> 2019 (9MSP) -> 2021 (17MSP) -> 2027 (18MSP, its request not on record)
        assertThat(article5("BIH", "2008-11-27").deadline()).isEqualTo(LocalDate.of(2009, 3, 1));
        assertThat(article5("BIH", "2008-11-28").deadline()).isEqualTo(LocalDate.of(2019, 3, 1));
        assertThat(article5("BIH", "2019-01-01").deadline()).isEqualTo(LocalDate.of(2021, 3, 1));
        Article5.Status bosnia = article5("BIH", "2021-01-01");
        assertThat(bosnia.deadline()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(bosnia.decidingMeetings()).containsExactly("9MSP", "17MSP", "18MSP");
        assertThat(bosnia.decisions().get(1).precision()).isEqualTo("MONTH");
        assertThat(bosnia.decisions().get(2).requestOnRecord()).isFalse();

        // Cambodia: a first grant with neither date nor meeting, then RC4, then 22MSP to 31 December 2030
        Article5.Status cambodia = article5("KHM", "2026-03-01");
        assertThat(cambodia.deadline()).isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(cambodia.decidingMeetings()).containsExactly("RC4", "22MSP");
        assertThat(cambodia.decisions().get(0).precision()).isEqualTo("UNKNOWN");
        assertThat(cambodia.decisions().get(0).inForceFrom()).isEqualTo(LocalDate.of(2010, 1, 1));

        // Mauritania: completion, reopening, and a new deadline
        assertThat(article5("MRT", "2019-06-01").state()).isEqualTo(Article5.State.COMPLETED);
        Article5.Status reopened = article5("MRT", "2020-07-01");
        assertThat(reopened.state()).isEqualTo(Article5.State.REOPENED);
        assertThat(reopened.deadline()).as("the 14MSP deadline still runs").isEqualTo(LocalDate.of(2021, 1, 1));
        assertThat(article5("MRT", "2022-01-01").deadline()).isEqualTo(LocalDate.of(2026, 12, 31));

        // Afghanistan's first grant, known only by its meeting: in force from 12MSP's last day
        Article5.Decision afghanistan = article5("AFG", "2013-01-01").decisions().get(0);
        assertThat(afghanistan.precision()).isEqualTo("MEETING");
        assertThat(afghanistan.inForceFrom()).isEqualTo(LocalDate.of(2012, 12, 7));

        // The Gambia: completion, a reopening known only by its year, completion again on 5 December 2012
        assertThat(article5("GMB", "2013-06-01").state()).isEqualTo(Article5.State.COMPLETED);

        // Argentina's grant: the sources disagree on the deadline, and the status says so
        assertThat(article5("ARG", "2010-01-01").conflicts()).anyMatch(c -> c.contains("LM2019"));
    }

    private static long parties(Map<String, StateView> states) {
        return states.values().stream().filter(v -> v.status() == ParticipationStatus.STATE_PARTY
                || v.status() == ParticipationStatus.WITHDRAWAL_PENDING).count();
    }

    @Test
    void loadsTheRecordOnceAndAnswersForAnyDate() {
        LoadReport first = loader.report();
        // What the rules refuse, each with its reason: reopenings with no completion before them.
        assertThat(first.refused()).hasSize(4).allMatch(r -> r.startsWith("article5.csv")
                && r.contains("PreviouslyUnknownMinedAreaFound") && r.contains("nothing can reopen"));
        assertThat(first.flagged()).anyMatch(f -> f.contains("DNK ExtensionDecided") && f.contains("new deadline"));
        assertThat(first.loaded()).isGreaterThan(300);
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

        LoadReport again = loader.load();
        assertThat(again.loaded()).as("a second load records nothing").isZero();
        assertThat(again.alreadyLoaded()).isEqualTo(first.loaded());

        long[] millis = new long[20];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            on("2026-03-01");
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf("MEASURED as-of read of all %d States (warm): median %d ms, max %d ms%n",
                march2026.size(), millis[millis.length / 2], millis[millis.length - 1]);
        assertThat(millis[millis.length / 2]).isLessThan(100);
    }
}
