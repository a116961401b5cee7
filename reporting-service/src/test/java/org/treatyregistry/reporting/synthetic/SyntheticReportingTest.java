package org.treatyregistry.reporting.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.participation.InstrumentType;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.convention.participation.Facts;
import org.treatyregistry.reporting.record.ReportingStream;
import org.treatyregistry.reporting.reports.ReportRules;

/** The generator is deterministic, marks what it writes, and writes only what the rules accept. */
class SyntheticReportingTest {

    @Test
    void landReleaseIsDeterministicMarkedAndValid() {
        List<StateEvent> events = SyntheticReporting.landRelease(7, 5, 2_000);
        assertThat(events).isEqualTo(SyntheticReporting.landRelease(7, 5, 2_000));
        assertThat(events).isNotEqualTo(SyntheticReporting.landRelease(8, 5, 2_000));
        assertThat(events).extracting(StateEvent::iso3).containsOnly("AFG", "UKR", "KHM", "IRQ", "BIH");
        Map<String, List<StateEvent>> streams = new HashMap<>();
        for (StateEvent event : events) {
            List<StateEvent> stream = streams.computeIfAbsent(ReportingStream.of(event), k -> new ArrayList<>());
            assertThat(ReportingStream.check(stream, event)).as(event.toString()).isEmpty();
            stream.add(event);
        }
        assertThat(streams).hasSize(2_000);
        assertThat(events.size() - 2_000).as("about three releases per area").isBetween(5_000, 7_000);
        assertThat(events.toString()).doesNotContain("sourceReference=null").contains("SYNTHETIC seed=7");
    }

    @Test
    void reportsAreDeterministicAndAcceptedForAStateParty() {
        var afghanistan = Facts.of("AFG").deposited(InstrumentType.ACCESSION, "2002-09-11").history();
        List<ReportSubmitted> reports = SyntheticReporting.annualReports(3, 1, 2016, 2024);
        assertThat(reports).isEqualTo(SyntheticReporting.annualReports(3, 1, 2016, 2024));
        assertThat(reports).hasSizeBetween(5, 9).allSatisfy(report -> {
            assertThat(report.sourceReference()).startsWith(SyntheticReporting.SOURCE);
            assertThat(ReportRules.check(report, afghanistan, "Afghanistan")).isEmpty();
        });
    }
}
