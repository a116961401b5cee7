package org.treatyregistry.reporting.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.obligations.MinedAreasReported;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.reporting.record.Reporting;

class ComplianceFlagsTest {

    /** In force 1 March 1999 with mined areas on record: Article 5 obligations. */
    private final StateHistory affected = Facts.of("MOZ").signed("1997-12-03")
            .deposited(InstrumentType.RATIFICATION, "1998-08-25")
            .add(new MinedAreasReported("MOZ", "1999-08-28", null)).history();

    private static List<String> rules(List<ComplianceFlags.Flag> flags) {
        return flags.stream().map(ComplianceFlags.Flag::rule).toList();
    }

    @Test
    void twoYearsWithoutInformationOnImplementationIsAction47() {
        var record = Reporting.of("MOZ").report("initial", "1999-08-01");
        for (int year = 1999; year <= 2022; year++) {
            record.report(String.valueOf(year), (year + 1) + "-04-15",
                    Reporting.retaining(100), Map.of("16.1", "yes"));
        }
        // 2023 missing (the record is declared complete for it), 2024 sent silent on implementation
        record.report("2024", "2025-04-10").complete("2023");
        List<ComplianceFlags.Flag> flags = ComplianceFlags.of("Mozambique", affected, record.record(),
                LocalDate.of(2025, 6, 1));
        // the 2024 report lists no retained mines any more: nothing for Action 16 to review
        assertThat(rules(flags)).containsExactlyInAnyOrder("missing-report", "action-47");
        ComplianceFlags.Flag action47 =
                flags.stream().filter(f -> f.rule().equals("action-47")).findFirst().orElseThrow();
        assertThat(action47.reason()).contains("Article 5").contains("2023 and 2024");
        assertThat(action47.eventIds()).isNotEmpty();

        // a year earlier the 2022 report had informed: no Action 47; the 2023 report is missing, so the 100
        // mines retained in 2022 went without their annual review
        assertThat(rules(ComplianceFlags.of("Mozambique", affected, record.record(), LocalDate.of(2024, 6, 1))))
                .containsExactlyInAnyOrder("missing-report", "action-16");
    }

    @Test
    void reportsTheRecordMayLackRaiseNoFlag() {
        var record = Reporting.of("MOZ").report("initial", "1999-08-01");
        for (int year = 1999; year <= 2022; year++) {
            record.report(String.valueOf(year), (year + 1) + "-04-15", Reporting.retaining(100), Map.of("16.1", "yes"));
        }
        // neither 2023 nor 2024 is on record, and the record is not declared complete for them: nothing is known
        // to be missing or silent
        assertThat(ComplianceFlags.of("Mozambique", affected, record.record(), LocalDate.of(2025, 6, 1))).isEmpty();
        assertThat(rules(ComplianceFlags.of("Mozambique", affected, record.complete("2023", "2024").record(),
                LocalDate.of(2025, 6, 1)))).containsExactlyInAnyOrder("missing-report", "missing-report",
                "action-16", "action-47");
    }

    @Test
    void retainedMinesWithoutAnAnnualReviewAreAction16AndLateReportsAreFlagged() {
        var record = Reporting.of("MOZ").report("initial", "1999-08-01");
        for (int year = 1999; year <= 2023; year++) {
            record.report(String.valueOf(year), (year + 1) + "-04-15", Reporting.retaining(100), Map.of("16.1", "yes"));
        }
        record.report("2024", "2025-05-20", Reporting.retaining(100), Map.of());
        List<ComplianceFlags.Flag> flags = ComplianceFlags.of("Mozambique", affected, record.record(),
                LocalDate.of(2025, 6, 1));
        assertThat(rules(flags)).containsExactlyInAnyOrder("late-report", "action-16");
        assertThat(flags).filteredOn(f -> f.rule().equals("late-report")).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("20 days late"));
    }

    @Test
    void aStateThatRetainsMinesAndStopsReportingKeepsItsArticle3Obligation() {
        StateHistory party = Facts.of("NOR").signed("1997-12-03").deposited(InstrumentType.RATIFICATION, "1998-07-09")
                .history();
        var record = Reporting.of("NOR").report("initial", "1999-08-01");
        for (int year = 1999; year <= 2020; year++) {
            record.report(String.valueOf(year), (year + 1) + "-04-15", Reporting.retaining(100), Map.of("16.1", "yes"));
        }
        record.complete("2021", "2022");
        List<ComplianceFlags.Flag> flags =
                ComplianceFlags.of("Norway", party, record.record(), LocalDate.of(2023, 6, 1));
        assertThat(rules(flags)).containsExactlyInAnyOrder("missing-report", "missing-report", "action-16",
                "action-47");
        assertThat(flags).filteredOn(f -> f.rule().equals("action-47")).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("Article 3").contains("2021 and 2022"));
    }
}
