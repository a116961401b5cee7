package org.treatyregistry.indicators.computation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.treatyregistry.contract.participation.InstrumentType.ACCESSION;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.finance.AssessedContributionPaid;
import org.treatyregistry.contract.finance.VoluntaryContributionMade;
import org.treatyregistry.contract.meetings.DelegationAttended;
import org.treatyregistry.contract.meetings.SurvivorOrganisationAttended;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.reports.ReportContent;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.contract.stockpiles.StockpileDeclared;
import org.treatyregistry.contract.universalization.MoratoriumDeclared;
import org.treatyregistry.contract.universalization.UnResolutionVoted;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.indicators.catalogue.Indicator;
import org.treatyregistry.indicators.catalogue.IndicatorCatalogue;

/**
 * Every indicator, for the five years of the Plan, over 200 States with a report and the indicators' own records
 * (meetings, votes, contributions) a year each: under a second,
 * each run from a fresh {@link World} (nothing carried over between runs).
 */
class FullRecomputationTest {

    @Test
    void allIndicatorsForFiveYearsOver200StatesInUnderASecond() {
        SplittableRandom random = new SplittableRandom(42);
        IndicatorCatalogue catalogue = new IndicatorCatalogue();
        List<String> answered = catalogue.all().stream().filter(i -> i.computedFrom().contains("ARTICLE7_ANSWERS"))
                .map(Indicator::id).toList();
        List<StateHistory> histories = new ArrayList<>();
        Map<String, ReportingRecord> records = new HashMap<>();
        Map<String, List<Fact>> own = new HashMap<>();
        for (int s = 0; s < 200; s++) {
            String iso3 = String.format("S%02d", s).substring(0, 3) + (char) ('A' + s % 26);
            Facts facts = Facts.of(iso3).deposited(ACCESSION, (2000 + s % 20) + "-01-15");
            if (s % 3 == 0) {
                facts.add(new MinedAreasReported(iso3, "2005", null));
            }
            histories.add(facts.history());
            List<Fact> reported = new ArrayList<>();
            if (s % 5 == 0) {
                reported.add(new Fact(iso3 + "-s", Instant.EPOCH, new StockpileDeclared(iso3, LocalDate.of(2010, 1, 1),
                        "PMN", 1_000 + random.nextInt(10_000), null, null)));
            }
            for (int year = 2024; year <= 2028; year++) {
                Map<String, String> answers = new HashMap<>();
                answered.forEach(id -> answers.put(id, random.nextBoolean() ? "yes" : "no"));
                reported.add(new Fact(iso3 + "-" + year, Instant.EPOCH, new ReportSubmitted(iso3, String.valueOf(year),
                        LocalDate.of(year + 1, 3 + random.nextInt(3), 1), false, new ReportContent(
                        ReportContent.NationalMeasures.LEGISLATION_ADOPTED, null, null, null, null, null, null, null,
                        null, null), answers, null)));
            }
            records.put(iso3, new ReportingRecord(iso3, reported));
            List<Fact> kept = new ArrayList<>();
            for (int year = 2025; year <= 2029; year++) {
                LocalDate msp = LocalDate.of(year, 11, 20);
                kept.add(new Fact(iso3 + "-d" + year, Instant.EPOCH, new DelegationAttended(iso3, year + "MSP", msp,
                        4 + random.nextInt(10), random.nextInt(4), null)));
                kept.add(new Fact(iso3 + "-o" + year, Instant.EPOCH, new SurvivorOrganisationAttended(iso3,
                        iso3 + " survivors", year + "MSP", msp, null)));
                kept.add(new Fact(iso3 + "-v" + year, Instant.EPOCH, new UnResolutionVoted(iso3, "A/RES/" + year,
                        msp.plusDays(10), UnResolutionVoted.Vote.YES, null)));
                kept.add(new Fact(iso3 + "-a" + year, Instant.EPOCH, new AssessedContributionPaid(iso3, year + "MSP",
                        msp, msp.minusMonths(1 + random.nextInt(6)), null)));
                kept.add(new Fact(iso3 + "-c" + year, Instant.EPOCH, new VoluntaryContributionMade(iso3,
                        msp.minusMonths(2), 10_000, "CHF", null)));
            }
            if (s % 50 == 0) {
                kept.add(new Fact(iso3 + "-m", Instant.EPOCH, new MoratoriumDeclared(iso3, LocalDate.of(2020, 1, 1),
                        "use", null)));
            }
            own.put(iso3, kept);
        }
        long[] millis = new long[5];
        List<IndicatorValue> values = List.of();
        for (int run = 0; run < millis.length; run++) {
            long started = System.nanoTime();
            World world = new World(histories, records, own, LocalDate.of(2029, 12, 31));
            values = catalogue.all().stream().flatMap(i -> java.util.stream.IntStream.rangeClosed(2025, 2029)
                    .mapToObj(y -> IndicatorComputations.compute(i, y, world))).toList();
            millis[run] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        long computed = values.stream().filter(v -> v.status() == IndicatorValue.Status.COMPUTED).count();
        System.out.printf("[measure] %d indicator values (%d computed) for 2025-2029 over 200 States: median %d ms, "
                + "fastest %d ms%n", values.size(), computed, millis[2], millis[0]);
        assertThat(values).hasSize(catalogue.all().size() * 5);
        assertThat(values).filteredOn(v -> v.status() != IndicatorValue.Status.COMPUTED)
                .as("every indicator has its records").isEmpty();
        assertThat(values).filteredOn(v -> v.id().equals("8.1") && v.year() == 2027).singleElement()
                .satisfies(v -> assertThat(v.denominator()).isEqualTo(200));
    }
}
