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
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.registry.RegistryApplication;
import org.treatyregistry.registry.participation.ParticipationStatus;
import org.treatyregistry.registry.participation.Reading;
import org.treatyregistry.registry.participation.RegistryProjection;
import org.treatyregistry.registry.participation.StateView;

/** The real record, loaded through the integrations' validation, answers the Foundation's questions. */
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

    private static long parties(Map<String, StateView> states) {
        return states.values().stream().filter(v -> v.status() == ParticipationStatus.STATE_PARTY
                || v.status() == ParticipationStatus.WITHDRAWAL_PENDING).count();
    }

    @Test
    void loadsTheRecordOnceAndAnswersForAnyDate() {
        LoadReport first = loader.report();
        assertThat(first.refused()).isEmpty();
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
