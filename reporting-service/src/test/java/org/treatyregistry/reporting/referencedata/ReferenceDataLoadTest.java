package org.treatyregistry.reporting.referencedata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.treatyregistry.contract.participation.InstrumentType.ACCESSION;
import static org.treatyregistry.contract.participation.InstrumentType.RATIFICATION;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.landrelease.LandReleaseFigureStated;
import org.treatyregistry.contract.reports.MissingReportListed;
import org.treatyregistry.contract.reports.ReportReceived;
import org.treatyregistry.contract.stockpiles.RetainedMinesStated;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.platform.TestInfrastructure;
import org.treatyregistry.platform.kafka.InboundEvent;
import org.treatyregistry.platform.referencedata.LoadReport;
import org.treatyregistry.reporting.ReportingApplication;
import org.treatyregistry.reporting.participation.RegistryFacts;
import org.treatyregistry.reporting.record.ReportingFacts;
import org.treatyregistry.reporting.reports.ReportStatus;
import org.treatyregistry.reporting.reports.ReportTable;

/**
 * The shipped reporting record (the real files in src/main/resources/reference-data), loaded through the
 * integrations' validation: nothing real is refused, what the rows lack is flagged, a second load records
 * nothing, and the reports table tells a receipt, a monitor's statement and a report not on record apart.
 */
@SpringBootTest(classes = ReportingApplication.class, properties = "spring.config.name=reporting-service")
class ReferenceDataLoadTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.serviceProperties("reporting-refdata").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("treaty.reporting.reference-data.load", () -> true);
    }

    @Autowired
    ReferenceDataLoader loader;
    @Autowired
    ReportingFacts reporting;
    @Autowired
    RegistryFacts registry;

    private static long dataRows(String file) throws IOException {
        try (InputStream in = ReferenceDataLoader.class.getResourceAsStream("/reference-data/" + file)) {
            // header excluded; quoted notes hold no line breaks in these files
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count() - 1;
        }
    }

    private static Map<String, LoadReport.FileLoad> byFile(LoadReport report) {
        return report.files().stream().collect(Collectors.toMap(LoadReport.FileLoad::file, f -> f));
    }

    /** The registry's facts as they reach reporting over Kafka (here handed to the projection directly). */
    private void registryKnows(Facts facts) {
        for (Fact fact : facts.history().facts()) {
            registry.on(new InboundEvent(fact.eventId(), "/registry-service", EventCatalog.typeOf(fact.event()
                    .getClass()), fact.event().iso3(), fact.event().effectiveDate(), Instant.now(), "test", 0,
                    fact.event()));
        }
    }

    @Test
    void loadsEveryRealRowOnceAndTellsReceiptsStatementsAndAbsenceApart() throws IOException {
        LoadReport first = loader.report();
        assertThat(first.ran()).isTrue();
        assertThat(first.refused()).as("no real row is refused").isEmpty();
        Map<String, LoadReport.FileLoad> files = byFile(first);
        for (String file : List.of(ReferenceDataLoader.SUBMISSIONS, ReferenceDataLoader.RETAINED,
                ReferenceDataLoader.LAND_RELEASE)) {
            assertThat(files.get(file).rows()).as(file).isEqualTo(dataRows(file));
            assertThat(files.get(file).recorded()).as(file).isEqualTo(dataRows(file));
        }
        assertThat(first.flagged())
                .anyMatch(f -> f.contains("AGO Apr2006-Mar2007") && f.contains("dated by its notes to 2007")
                        && f.contains("matched to no due report"))
                .anyMatch(f -> f.contains("BFA initial not_submitted_as_of_LM2000") && f.contains("known to the year"))
                .anyMatch(f -> f.contains("GRC 2011 submitted") && f.contains("known only to the month"))
                .anyMatch(f -> f.contains("TUR initial") && f.contains("dated by its source (2011)"))
                .anyMatch(f -> f.contains("KHM 2010-2018") && f.contains("not an annual figure"));
        assertThat(files.get(ReferenceDataLoader.SUBMISSIONS).notes()).anyMatch(n -> n.contains("81 of the 101"));

        await().atMost(Duration.ofSeconds(30)).until(() -> reporting.records(Instant.now()).values().stream()
                .mapToLong(r -> r.facts().size()).sum() == dataRows(ReferenceDataLoader.SUBMISSIONS)
                + dataRows(ReferenceDataLoader.RETAINED) + dataRows(ReferenceDataLoader.LAND_RELEASE));
        var records = reporting.records(Instant.now());
        assertThat(records.values().stream().mapToLong(r -> r.events(ReportReceived.class).size()).sum())
                .as("the 29 dated submissions (and Angola's undated one, dated by its notes)").isEqualTo(30);
        assertThat(records.values().stream().mapToLong(r -> r.events(MissingReportListed.class).size()).sum())
                .isEqualTo(107);
        assertThat(records.get("KHM").events(LandReleaseFigureStated.class))
                .filteredOn(f -> f.period().equals("2015")).extracting(LandReleaseFigureStated::metric)
                .as("two 2015 figures measuring different things: both kept")
                .containsExactlyInAnyOrder("ap_mine_affected_land_released", "land_released_total");
        assertThat(records.get("TUR").events(RetainedMinesStated.class))
                .extracting(RetainedMinesStated::figureFor, RetainedMinesStated::minesRetained)
                .contains(org.assertj.core.groups.Tuple.tuple("2010", 15_100L),
                        org.assertj.core.groups.Tuple.tuple("initial", 16_000L));

        // Ukraine (in force 1 June 2006) and Equatorial Guinea (acceded 1998, initial report due 28 August 1999)
        registryKnows(Facts.of("UKR").signed("1999-02-24").deposited(RATIFICATION, "2005-12-27"));
        registryKnows(Facts.of("GNQ").deposited(ACCESSION, "1998-09-16"));
        List<ReportTable.Row> ukraine = ReportTable.of("Ukraine", registry.history("UKR", Instant.now()),
                records.get("UKR"), LocalDate.of(2023, 1, 1));
        assertThat(row(ukraine, "initial").status()).isEqualTo(ReportStatus.SUBMITTED_LATE);
        assertThat(row(ukraine, "initial").daysLate()).as("due 28 November, received 12 December 2006").isEqualTo(14);
        assertThat(row(ukraine, "initial").contentOnRecord()).isFalse();
        assertThat(row(ukraine, "initial").sourceStatus()).isEqualTo("submitted_late");
        assertThat(row(ukraine, "2006").status()).isEqualTo(ReportStatus.SUBMITTED_ON_TIME);
        assertThat(row(ukraine, "2021").status()).as("the monitor said so in October 2022")
                .isEqualTo(ReportStatus.LISTED_AS_MISSING);
        assertThat(row(ukraine, "2010").status()).as("absent from a sample of the record: unknown, not missing")
                .isEqualTo(ReportStatus.NOT_ON_RECORD);
        assertThat(ukraine).noneMatch(r -> r.status() == ReportStatus.MISSING);
        List<ReportTable.Row> guinea = ReportTable.of("Equatorial Guinea", registry.history("GNQ", Instant.now()),
                records.get("GNQ"), LocalDate.of(2006, 10, 1));
        assertThat(row(guinea, "initial").status()).isEqualTo(ReportStatus.LISTED_AS_MISSING);
        assertThat(row(guinea, "initial").listedMissing()).singleElement().asString().contains("late as of 2006-09-21");

        LoadReport again = loader.load();
        assertThat(again.recorded()).as("a second load records nothing").isZero();
        assertThat(again.alreadyRecorded()).isEqualTo(first.recorded());
    }

    private static ReportTable.Row row(List<ReportTable.Row> rows, String period) {
        return rows.stream().filter(r -> r.period().equals(period)).findFirst().orElseThrow();
    }
}
