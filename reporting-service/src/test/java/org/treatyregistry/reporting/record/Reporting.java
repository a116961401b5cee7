package org.treatyregistry.reporting.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.reports.ReportContent;
import org.treatyregistry.contract.reports.ReportRecordCompletenessDeclared;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.reporting.ReportingRecord;

/** Builds reporting records for the rule tests, the way the service records them. */
public final class Reporting {

    private final String iso3;
    private final List<Fact> facts = new ArrayList<>();

    private Reporting(String iso3) {
        this.iso3 = iso3;
    }

    public static Reporting of(String iso3) {
        return new Reporting(iso3);
    }

    public static ReportContent silent() {
        return new ReportContent(ReportContent.NationalMeasures.LEGISLATION_ADOPTED, null, List.of(), List.of(),
                List.of(), null, List.of(), List.of(), null, null);
    }

    public static ReportContent retaining(long mines) {
        return new ReportContent(ReportContent.NationalMeasures.LEGISLATION_ADOPTED, null, List.of(), List.of(),
                List.of(new ReportContent.RetainedLine("PMN-2", mines, "Army engineering school", "training")), null,
                List.of(), List.of(), null, null);
    }

    public Reporting report(String period, String received, ReportContent content, Map<String, String> answers) {
        return add(new ReportSubmitted(iso3, period, LocalDate.parse(received), false, content, answers, null));
    }

    public Reporting report(String period, String received) {
        return report(period, received, silent(), Map.of());
    }

    /** The record declared to hold every report of the State for these periods: absence is then missing. */
    public Reporting complete(String... periods) {
        for (String period : periods) {
            add(new ReportRecordCompletenessDeclared(iso3, period, LocalDate.of(2025, 12, 1), "ISU"));
        }
        return this;
    }

    public Reporting add(StateEvent event) {
        return add(event, Instant.EPOCH);
    }

    public Reporting add(StateEvent event, Instant recordedAt) {
        facts.add(new Fact("r" + facts.size(), recordedAt, event));
        return this;
    }

    public ReportingRecord record() {
        return new ReportingRecord(iso3, facts);
    }

    public List<StateEvent> events() {
        return facts.stream().map(Fact::event).toList();
    }
}
