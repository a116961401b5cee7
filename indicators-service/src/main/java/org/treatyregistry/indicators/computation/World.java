package org.treatyregistry.indicators.computation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.ReportingRecord;

/**
 * What the indicators are computed from, as known at one time: every State's participation (the registry's
 * facts) and reporting record (reports and stockpiles), and the date reports are read as of. Immutable; what
 * several indicators share (populations, reports as they read) is computed once per world.
 */
public final class World {

    private final List<StateHistory> histories;
    private final Map<String, ReportingRecord> reports;
    private final Map<String, List<Fact>> records;
    private final LocalDate asOf;
    private final Map<String, Object> shared = new ConcurrentHashMap<>();

    /** {@code records}: the indicators' own records (meetings, votes, moratoria, contributions, assessments). */
    public World(List<StateHistory> histories, Map<String, ReportingRecord> reports, Map<String, List<Fact>> records,
                 LocalDate asOf) {
        this.histories = List.copyOf(histories);
        this.reports = Map.copyOf(reports);
        this.records = Map.copyOf(records);
        this.asOf = asOf;
    }

    public World(List<StateHistory> histories, Map<String, ReportingRecord> reports, LocalDate asOf) {
        this(histories, reports, Map.of(), asOf);
    }

    public List<StateHistory> histories() {
        return histories;
    }

    public Map<String, ReportingRecord> reports() {
        return reports;
    }

    /** An own record of one type, with its event id. */
    record OwnRecord<T extends StateEvent>(String eventId, T event) {
    }

    /** Every own record of the given type, across States. */
    <T extends StateEvent> List<OwnRecord<T>> records(Class<T> type) {
        return records.values().stream().flatMap(List::stream).filter(f -> type.isInstance(f.event()))
                .map(f -> new OwnRecord<>(f.eventId(), type.cast(f.event()))).toList();
    }

    /** Every own record of the given type dated in the calendar year. */
    <T extends StateEvent> List<OwnRecord<T>> recordsIn(Class<T> type, int year) {
        return records(type).stream().filter(r -> r.event().effectiveDate().getYear() == year).toList();
    }

    /** Participation of one State (empty if the registry has no facts about it). */
    StateHistory historyOf(String iso3) {
        return shared("history|" + iso3, () -> histories.stream().filter(h -> h.iso3().equals(iso3)).findFirst()
                .orElse(StateHistory.of(iso3, List.of())));
    }

    public LocalDate asOf() {
        return asOf;
    }

    public ReportingRecord reportsOf(String iso3) {
        return reports.getOrDefault(iso3, ReportingRecord.empty(iso3));
    }

    /** A State's report for a period as it read on {@link #asOf()}. */
    Optional<ReportingRecord.Submitted> reportOf(String iso3, String period) {
        return shared("report|" + iso3 + "|" + period, () -> reportsOf(iso3).reportOn(period, asOf));
    }

    @SuppressWarnings("unchecked")
    <T> T shared(String key, Supplier<T> compute) {
        Object value = shared.get(key);
        if (value == null) {
            value = compute.get();
            shared.put(key, value);
        }
        return (T) value;
    }
}
