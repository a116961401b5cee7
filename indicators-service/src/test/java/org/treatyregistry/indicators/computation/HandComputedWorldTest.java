package org.treatyregistry.indicators.computation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.treatyregistry.contract.participation.InstrumentType.ACCESSION;
import static org.treatyregistry.contract.participation.InstrumentType.RATIFICATION;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.finance.AssessedContributionPaid;
import org.treatyregistry.contract.finance.VoluntaryContributionMade;
import org.treatyregistry.contract.meetings.DelegationAttended;
import org.treatyregistry.contract.meetings.SurvivorOrganisationAttended;
import org.treatyregistry.contract.obligations.ExtensionRequestAssessed;
import org.treatyregistry.contract.obligations.ExtensionRequested;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.participation.WithdrawalNotified;
import org.treatyregistry.contract.reports.ReportAmended;
import org.treatyregistry.contract.reports.ReportContent;
import org.treatyregistry.contract.reports.ReportRecordCompletenessDeclared;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.contract.stockpiles.MinesDestroyed;
import org.treatyregistry.contract.stockpiles.PreviouslyUnknownStockpileFound;
import org.treatyregistry.contract.stockpiles.StockpileDeclared;
import org.treatyregistry.contract.universalization.MoratoriumDeclared;
import org.treatyregistry.contract.universalization.UnResolutionVoted;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.indicators.catalogue.IndicatorCatalogue;

/**
 * A small world of ten States over the indicator years 2025-2027, written out here and computed by hand: every
 * kind of indicator (percentages over each population of States Parties, over extension requests and over
 * people, numbers of States and of votes, "these States Parties"),
 * a withdrawal leaving the denominators, and an amendment recorded after the fact, seen or not by {@code knownAt}.
 * Indicator year Y reads the reports for Y - 1, due by 30 April Y; populations are taken on that day.
 */
class HandComputedWorldTest {

    private static final Instant RECORDED = Instant.parse("2027-01-10T09:00:00Z");
    private static final Instant AMENDED = Instant.parse("2027-03-01T09:00:00Z");
    private static final LocalDate AS_OF = LocalDate.of(2027, 6, 1);

    private final IndicatorCatalogue catalogue = new IndicatorCatalogue();

    private static final List<StateHistory> PARTICIPATION = List.of(
            Facts.of("CAN").signed("1997-12-03").deposited(RATIFICATION, "1997-12-03").history(),
            Facts.of("KHM").signed("1997-12-03").deposited(RATIFICATION, "1999-07-28")
                    .add(new MinedAreasReported("KHM", "2000-06-28", null))
                    .add(new ExtensionRequested("KHM", "KHM-2025", "2025-03-31", LocalDate.of(2030, 12, 31),
                            null, null))
                    .history(),
            Facts.of("AFG").deposited(ACCESSION, "2002-09-11")
                    .add(new MinedAreasReported("AFG", "2003-08-01", null)).history(),
            Facts.of("UKR").signed("1999-02-24").deposited(RATIFICATION, "2005-12-27").history(),
            Facts.of("GRC").signed("1997-12-03").deposited(RATIFICATION, "2003-09-25").history(),
            Facts.of("LTU").signed("1999-02-26").deposited(RATIFICATION, "2003-05-12")
                    .add(new WithdrawalNotified("LTU", "2025-06-27", "security", null, null)).history(),
            Facts.of("NOR").signed("1997-12-03").deposited(RATIFICATION, "1998-07-09").history(),
            Facts.of("SRB").deposited(ACCESSION, "2003-09-18").history(),
            Facts.of("TUR").deposited(ACCESSION, "2003-09-25").history(),
            Facts.of("MHL").signed("1997-12-04").deposited(RATIFICATION, "2025-03-12").history(),
            Facts.of("USA").history());

    private final Map<String, List<Fact>> reports = new HashMap<>();
    private final Map<String, List<Fact>> records = new HashMap<>();

    private static ReportContent content(ReportContent.NationalMeasures measures,
                                         List<ReportContent.StockpileLine> stock,
                                         List<ReportContent.MinedAreaLine> areas,
                                         List<ReportContent.RetainedLine> kept) {
        return new ReportContent(measures, null, stock, areas, kept, null, List.of(), List.of(), null, null);
    }

    private static ReportContent silent() {
        return content(ReportContent.NationalMeasures.LEGISLATION_ADOPTED, List.of(), List.of(), List.of());
    }

    private void record(StateEvent event) {
        List<Fact> facts = records.computeIfAbsent(event.iso3(), k -> new ArrayList<>());
        facts.add(new Fact(event.iso3() + "-own-" + facts.size(), RECORDED, event));
    }

    private void add(StateEvent event, Instant recordedAt) {
        List<Fact> facts = reports.computeIfAbsent(event.iso3(), k -> new ArrayList<>());
        facts.add(new Fact(event.iso3() + "-" + facts.size(), recordedAt, event));
    }

    private void report(String iso3, String period, String received, ReportContent content,
                        Map<String, String> answers) {
        add(new ReportSubmitted(iso3, period, LocalDate.parse(received), false, content, answers, null), RECORDED);
    }

    private HandComputedWorldTest() {
        // reports for 2024 (due 30 April 2025): everyone on time but Turkey
        report("CAN", "2024", "2025-04-01", silent(), Map.of());
        report("KHM", "2024", "2025-04-20", content(ReportContent.NationalMeasures.IN_PROGRESS, List.of(),
                List.of(new ReportContent.MinedAreaLine("Battambang", "CONFIRMED", 1_000_000)), List.of()),
                Map.of("17.1", "yes", "19.1", "yes"));
        report("AFG", "2024", "2025-04-28", silent(), Map.of("17.1", "no"));
        report("UKR", "2024", "2025-04-15", content(ReportContent.NationalMeasures.LEGISLATION_ADOPTED,
                List.of(new ReportContent.StockpileLine("PFM-1", 3_000_000, null)), List.of(), List.of()),
                Map.of("14.1", "yes", "13.1", "no"));
        report("GRC", "2024", "2025-04-30", silent(), Map.of("14.1", "no", "13.1", "yes"));
        report("LTU", "2024", "2025-03-30", silent(), Map.of());
        report("NOR", "2024", "2025-04-02", content(ReportContent.NationalMeasures.LEGISLATION_ADOPTED, List.of(),
                List.of(), List.of(new ReportContent.RetainedLine("M14", 100, "Army", "training"))),
                Map.of("16.1", "yes"));
        report("SRB", "2024", "2025-04-29", silent(), Map.of());
        add(new ReportSubmitted("USA", "2024", LocalDate.of(2025, 3, 1), true, silent(), Map.of(), null), RECORDED);
        // reports for 2025 (due 30 April 2026): Cambodia late, Turkey missing, Lithuania no longer owes one
        report("CAN", "2025", "2026-04-01", silent(), Map.of());
        report("KHM", "2025", "2026-05-10", silent(), Map.of("17.1", "no"));
        report("AFG", "2025", "2026-04-10", silent(), Map.of("17.1", "yes", "19.1", "yes"));
        report("UKR", "2025", "2026-04-15", silent(), Map.of("14.1", "yes", "13.1", "yes"));
        report("GRC", "2025", "2026-04-16", silent(), Map.of());
        report("NOR", "2025", "2026-04-02", content(ReportContent.NationalMeasures.LEGISLATION_ADOPTED, List.of(),
                List.of(), List.of(new ReportContent.RetainedLine("M14", 100, "Army", "training"))),
                Map.of("16.1", "no"));
        report("SRB", "2025", "2026-04-29", silent(), Map.of());
        report("MHL", "2025", "2026-04-20", silent(), Map.of());
        // reports for 2026 (due 30 April 2027): only Canada and Norway
        report("CAN", "2026", "2027-04-01", silent(), Map.of());
        report("NOR", "2026", "2027-04-01", silent(), Map.of());
        // stockpiles: Ukraine and Greece past their Art. 4 deadlines (2010, 2008); Greece finishes on 1 June 2025
        add(new StockpileDeclared("UKR", LocalDate.of(2006, 11, 28), "PFM-1", 5_950_000, null, null), RECORDED);
        add(new StockpileDeclared("GRC", LocalDate.of(2004, 8, 28), "DM-31", 1_000_000, null, null), RECORDED);
        add(new MinesDestroyed("GRC", LocalDate.of(2025, 6, 1), "DM-31", 1_000_000, 4, null), RECORDED);
        // finds: Serbia's destroyed within six months, Turkey's after eight
        add(new PreviouslyUnknownStockpileFound("SRB", LocalDate.of(2024, 3, 1), "PMN", 40, false, null), RECORDED);
        add(new MinesDestroyed("SRB", LocalDate.of(2024, 6, 1), "PMN", 40, 4, null), RECORDED);
        add(new PreviouslyUnknownStockpileFound("TUR", LocalDate.of(2025, 2, 1), "PMN", 50, true, null), RECORDED);
        add(new MinesDestroyed("TUR", LocalDate.of(2025, 10, 1), "PMN", 50, 4, null), RECORDED);
        // the indicators' own records for 2025: 22MSP opened on 1 December 2025
        LocalDate msp = LocalDate.of(2025, 12, 1);
        record(new DelegationAttended("CAN", "22MSP", msp, 10, 6, null));
        record(new DelegationAttended("KHM", "22MSP", msp, 4, 1, null));
        record(new DelegationAttended("USA", "22MSP", msp, 3, 1, null));
        record(new SurvivorOrganisationAttended("KHM", "Cambodian survivors' network", "22MSP", msp, null));
        record(new SurvivorOrganisationAttended("AFG", "Afghan landmine survivors", "22MSP", msp, null));
        record(new UnResolutionVoted("CAN", "A/RES/80/x", LocalDate.of(2025, 12, 2), UnResolutionVoted.Vote.YES, null));
        record(new UnResolutionVoted("NOR", "A/RES/80/x", LocalDate.of(2025, 12, 2), UnResolutionVoted.Vote.YES, null));
        record(new UnResolutionVoted("USA", "A/RES/80/x", LocalDate.of(2025, 12, 2), UnResolutionVoted.Vote.ABSTAIN,
                null));
        record(new MoratoriumDeclared("USA", LocalDate.of(2022, 6, 21), "use outside the Korean Peninsula", null));
        record(new AssessedContributionPaid("CAN", "22MSP", msp, LocalDate.of(2025, 6, 1), null));
        record(new AssessedContributionPaid("NOR", "22MSP", msp, LocalDate.of(2025, 10, 15), null));
        record(new VoluntaryContributionMade("CAN", LocalDate.of(2025, 3, 1), 100_000, "CHF", null));
        record(new VoluntaryContributionMade("NOR", LocalDate.of(2025, 8, 1), 250_000, "CHF", null));
        record(new ExtensionRequestAssessed("KHM", "KHM-2025", LocalDate.of(2025, 6, 1),
                Map.of("23.1", "yes", "23.2", "no"), null));
        // recorded later: Afghanistan amends its report for 2024 - it does have a contamination baseline
        add(new ReportAmended("AFG", "2024", LocalDate.of(2025, 9, 1), silent(), Map.of("17.1", "yes"), null), AMENDED);
    }

    private IndicatorValue compute(String id, int year, Instant knownAt) {
        Map<String, ReportingRecord> reportRecords = new HashMap<>();
        reports.forEach((iso3, facts) -> reportRecords.put(iso3, new ReportingRecord(iso3, facts).knownAt(knownAt)));
        return IndicatorComputations.compute(catalogue.find(id).orElseThrow(), year,
                new World(PARTICIPATION, reportRecords, this.records, AS_OF));
    }

    private IndicatorValue compute(String id, int year) {
        return compute(id, year, Instant.parse("2027-06-01T00:00:00Z"));
    }

    private static List<String> counted(IndicatorValue value) {
        return value.counted().stream().map(IndicatorValue.Counted::iso3).toList();
    }

    @Test
    void reportsReceivedBy30April() {
        IndicatorValue baseline = compute("8.1", 2025);
        assertThat(baseline.denominator()).as("nine States Parties owed the report for 2024").isEqualTo(9);
        assertThat(baseline.notCounted()).containsExactly("TUR");
        assertThat(baseline.value()).isEqualTo(88.9);
        IndicatorValue next = compute("8.1", 2026);
        assertThat(next.denominator()).as("Lithuania withdrew, the Marshall Islands joined").isEqualTo(9);
        assertThat(next.notCounted()).containsExactlyInAnyOrder("KHM", "TUR");
        assertThat(next.value()).isEqualTo(77.8);
        assertThat(next.changeFromBaseline()).isEqualTo(-11.1);
        assertThat(compute("8.1", 2027).value()).isEqualTo(22.2);
        assertThat(next.counted().get(0).eventIds()).hasSize(2);
    }

    @Test
    void answersOverTheAffectedStatesAndACorrectionSeenOnlyAfterItWasRecorded() {
        assertThat(compute("17.1", 2025, RECORDED).value()).isEqualTo(50.0);
        assertThat(counted(compute("17.1", 2025, RECORDED))).containsExactly("KHM");
        IndicatorValue afterAmendment = compute("17.1", 2025, AMENDED);
        assertThat(afterAmendment.value()).isEqualTo(100.0);
        assertThat(afterAmendment.counted()).filteredOn(c -> c.iso3().equals("AFG")).singleElement()
                .satisfies(c -> assertThat(c.eventIds()).as("the amendment").contains("AFG-2"));
        assertThat(compute("17.1", 2026).value()).isEqualTo(50.0);
        assertThat(compute("17.1", 2026).baseline()).isEqualTo(100.0);
        // a number over the same population
        assertThat(compute("19.1", 2025).value()).isEqualTo(1.0);
        assertThat(counted(compute("19.1", 2026))).containsExactly("AFG");
    }

    @Test
    void stockpilePopulationsFollowTheStockpileFacts() {
        IndicatorValue implementing = compute("13.1", 2025);
        assertThat(implementing.denominator()).as("Ukraine, Greece, and Turkey's find not yet destroyed").isEqualTo(3);
        assertThat(counted(implementing)).containsExactly("GRC");
        assertThat(implementing.value()).isEqualTo(33.3);
        assertThat(compute("13.1", 2026).denominator()).as("Greece finished in June 2025").isEqualTo(1);
        assertThat(compute("13.1", 2026).value()).isEqualTo(100.0);

        IndicatorValue missed = compute("14.1", 2025);
        assertThat(missed.counted().size() + missed.notCounted().size()).isEqualTo(2);
        assertThat(counted(missed)).containsExactly("UKR");
        assertThat(missed.value()).isEqualTo(50.0);
        assertThat(compute("14.1", 2026).value()).isEqualTo(100.0);

        assertThat(compute("16.1", 2025).value()).isEqualTo(100.0);
        assertThat(compute("16.1", 2026).value()).isEqualTo(0.0);
        assertThat(compute("16.1", 2026).notCounted()).containsExactly("NOR");
    }

    @Test
    void findsAndTheirDestructionWithinSixMonths() {
        assertThat(counted(compute("15.1", 2025))).containsExactly("SRB");
        assertThat(compute("15.2", 2025).value()).isEqualTo(100.0);
        assertThat(counted(compute("15.1", 2026))).containsExactly("TUR");
        assertThat(compute("15.2", 2026).value()).isEqualTo(0.0);
        assertThat(compute("15.2", 2026).changeFromBaseline()).isEqualTo(-100.0);
    }

    @Test
    void implementationInformationAndNationalMeasures() {
        IndicatorValue action47 = compute("47", 2025);
        assertThat(action47.denominator()).as("KHM, AFG affected; UKR, GRC, TUR holding; NOR retaining").isEqualTo(6);
        assertThat(counted(action47)).containsExactlyInAnyOrder("KHM", "UKR", "NOR");
        assertThat(action47.value()).isEqualTo(50.0);

        IndicatorValue measures = compute("48", 2025);
        assertThat(measures.denominator()).isEqualTo(9);
        assertThat(measures.notCounted()).containsExactlyInAnyOrder("KHM", "TUR");
        assertThat(measures.value()).isEqualTo(77.8);
    }

    @Test
    void newPartiesAndVoluntaryReports() {
        IndicatorValue parties = compute("11.2", 2025);
        assertThat(counted(parties)).containsExactly("MHL");
        assertThat(parties.note()).contains("1 States not party submitted voluntary Article 7 reports in 2025 (USA)");
    }

    @Test
    void meetingsVotesMoratoriaContributionsAndExtensionRequests() {
        IndicatorValue women = compute("5.4", 2025);
        assertThat(women.numerator()).isEqualTo(8);
        assertThat(women.denominator()).isEqualTo(17);
        assertThat(women.value()).isEqualTo(47.1);
        assertThat(compute("5.3", 2025).value()).isEqualTo(2.0);
        assertThat(counted(compute("11.3", 2025))).containsExactly("USA");
        assertThat(compute("12.2", 2025).value()).isEqualTo(2.0);
        assertThat(counted(compute("12.1", 2025))).containsExactly("USA");

        IndicatorValue assessed = compute("10.1", 2025);
        assertThat(assessed.denominator()).as("States Parties on 1 December 2025, Lithuania still one").isEqualTo(10);
        assertThat(counted(assessed)).containsExactly("CAN");
        assertThat(assessed.value()).isEqualTo(10.0);
        assertThat(compute("10.1", 2026).status()).as("no meeting recorded for 2026")
                .isEqualTo(IndicatorValue.Status.AWAITING_DATA);
        IndicatorValue voluntary = compute("10.2", 2025);
        assertThat(voluntary.denominator()).as("on 31 December 2025, Lithuania gone").isEqualTo(9);
        assertThat(voluntary.value()).isEqualTo(22.2);

        assertThat(compute("23.1", 2025).value()).isEqualTo(100.0);
        assertThat(compute("23.2", 2025).value()).isEqualTo(0.0);
        assertThat(compute("23.2", 2025).notCounted()).containsExactly("KHM KHM-2025");
        assertThat(compute("23.1", 2026).value()).as("no request in 2026").isNull();
    }

    /**
     * What the record covers, by hand: Turkey's report for 2024 is not on record, so every value over all States
     * Parties for 2025 counts 8 of 9 reports (PARTIAL); the affected States both reported (COMPUTED); only Canada
     * and Norway reported for 2026 (PARTIAL, 2 of 9); the Marshall Islands owe nothing yet for 2024.
     */
    @Test
    void eachValueSaysHowMuchOfItsPopulationIsOnRecord() {
        IndicatorValue onTime = compute("8.1", 2025);
        assertThat(onTime.status()).isEqualTo(IndicatorValue.Status.PARTIAL);
        assertThat(onTime.coverage().onRecord()).isEqualTo(8);
        assertThat(onTime.coverage().of()).isEqualTo(9);
        assertThat(onTime.note()).startsWith("partial: counts only what is on record");
        IndicatorValue affected = compute("17.1", 2025);
        assertThat(affected.status()).isEqualTo(IndicatorValue.Status.COMPUTED);
        assertThat(affected.coverage().onRecord()).isEqualTo(2);
        assertThat(affected.baselineStatus()).isEqualTo(IndicatorValue.Status.COMPUTED);
        // stockpiles held are read from the reports: Turkey's missing report may hide one, so all 9 count
        IndicatorValue implementing = compute("13.1", 2025);
        assertThat(implementing.status()).isEqualTo(IndicatorValue.Status.PARTIAL);
        assertThat(implementing.coverage().of()).isEqualTo(9);
        assertThat(implementing.denominator()).isEqualTo(3);
        IndicatorValue later = compute("48", 2027);
        assertThat(later.status()).isEqualTo(IndicatorValue.Status.PARTIAL);
        assertThat(later.coverage().onRecord()).isEqualTo(2);
        assertThat(later.baselineStatus()).isEqualTo(IndicatorValue.Status.PARTIAL);
        assertThat(compute("11.2", 2025).status()).as("the Depositary's record is complete")
                .isEqualTo(IndicatorValue.Status.COMPUTED);
        assertThat(compute("23.1", 2025).coverage().onRecord()).as("Cambodia's request assessed").isEqualTo(1);

        // 2028 (reports for 2027, due 30 April 2028) has not begun on 1 June 2027: no value, not 0%
        IndicatorValue none = compute("48", 2028);
        assertThat(none.status()).isEqualTo(IndicatorValue.Status.NOT_BEGUN);
        assertThat(none.value()).isNull();
        assertThat(none.note()).contains("2028 has not begun on 2027-06-01");

        // Turkey's record declared complete for 2024: its report is missing, and 8.1 is complete
        add(new ReportRecordCompletenessDeclared("TUR", "2024", LocalDate.of(2025, 12, 1), "ISU"), RECORDED);
        IndicatorValue complete = compute("8.1", 2025);
        assertThat(complete.status()).isEqualTo(IndicatorValue.Status.COMPUTED);
        assertThat(complete.value()).isEqualTo(88.9);
        assertThat(complete.notCounted()).containsExactly("TUR");
    }
}
