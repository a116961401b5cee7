package org.treatyregistry.reporting.record;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.treatyregistry.convention.Countries;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;
import org.treatyregistry.reporting.participation.RegistryFacts;

/** What the views read: each State's participation (from the registry) and reporting record, as known at a time. */
@Component
public class StatesOnRecord {

    private final RegistryFacts registry;
    private final ReportingFacts reporting;

    StatesOnRecord(RegistryFacts registry, ReportingFacts reporting) {
        this.registry = registry;
        this.reporting = reporting;
    }

    /** One State's records; {@code participation} is empty for a State the registry has no facts about. */
    public record StateOnRecord(String iso3, String name, StateHistory participation, ReportingRecord record) {
    }

    /** Every State either service has facts about, in ISO3 order. */
    public List<StateOnRecord> all(Instant knownAt) {
        var histories = registry.histories(knownAt);
        var records = reporting.records(knownAt);
        TreeSet<String> states = new TreeSet<>(histories.keySet());
        states.addAll(records.keySet());
        return states.stream().map(iso3 -> new StateOnRecord(iso3, Countries.nameOf(iso3).orElse(iso3),
                histories.getOrDefault(iso3, StateHistory.of(iso3, List.of())),
                records.getOrDefault(iso3, ReportingRecord.empty(iso3)))).toList();
    }

    /** One State's records if {@code iso3} is given, else every State's. */
    public List<StateOnRecord> select(String iso3, Instant knownAt) {
        return iso3 == null ? all(knownAt) : List.of(one(iso3, knownAt));
    }

    public StateOnRecord one(String iso3, Instant knownAt) {
        String name = Countries.nameOf(iso3).orElseThrow(() -> new ProblemException(Problems.of(HttpStatus.NOT_FOUND,
                "unknown-state", "Unknown State", "'" + iso3 + "' is not an ISO 3166-1 alpha-3 code.")));
        return new StateOnRecord(iso3, name, registry.history(iso3, knownAt), reporting.record(iso3, knownAt));
    }
}
