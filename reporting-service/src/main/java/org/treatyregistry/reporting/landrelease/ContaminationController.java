package org.treatyregistry.reporting.landrelease;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.convention.Countries;
import org.treatyregistry.platform.transparency.TransparencyLog;
import org.treatyregistry.platform.web.Csv;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;
import org.treatyregistry.platform.web.Reading;

/** Remaining contamination and land released (Action 22), per State or for all, on {@code asOf} at {@code knownAt}. */
@RestController
class ContaminationController {

    private final ContaminationStore store;
    private final ContaminationReader reader;
    private final TransparencyLog log;

    ContaminationController(ContaminationStore store, ContaminationReader reader, TransparencyLog log) {
        this.store = store;
        this.reader = reader;
        this.log = log;
    }

    @GetMapping("/api/reporting/states/{iso3}/contamination")
    StateContamination ofState(@PathVariable String iso3, Reading reading) {
        String name = nameOf(iso3);
        return reader.totals(store.state(iso3).stream().toList(), reading.asOf(), reading.knownAt())
                .getOrDefault(iso3, new ContaminationTotals()).view(iso3, name, reading.asOf(), reading.knownAt());
    }

    @GetMapping("/api/reporting/contamination")
    List<StateContamination> ofAll(Reading reading) {
        Map<String, ContaminationTotals> totals = reader.totals(store.allStates(), reading.asOf(),
                reading.knownAt());
        return totals.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue().view(e.getKey(), Countries.nameOf(e.getKey()).orElse(e.getKey()),
                        reading.asOf(), reading.knownAt()))
                .filter(view -> view.events() > 0)
                .toList();
    }

    /** CSV: one row per State, status and kind of contamination. */
    @GetMapping(value = "/api/reporting/contamination", produces = "text/csv")
    String ofAllCsv(Reading reading) {
        List<Row> rows = new ArrayList<>();
        for (StateContamination state : ofAll(reading)) {
            state.remaining().forEach(r -> rows.add(new Row(state.iso3(), state.name(), state.asOf(), r.status(),
                    r.contamination(), r.identifiedM2(), r.releasedM2(), r.remainingM2(), r.areasIdentified())));
        }
        return Csv.of(Row.class, rows);
    }

    record Row(String iso3, String name, LocalDate asOf, String status, String contamination, long identifiedM2,
               long releasedM2, long remainingM2, long areasIdentified) {
    }

    /**
     * The events behind a State's numbers for one year of their dates, each with what it adds and its index in the
     * service's transparency log (null while not logged yet).
     */
    @GetMapping("/api/reporting/states/{iso3}/contamination/{year}/events")
    List<EventRow> events(@PathVariable String iso3, @PathVariable int year, Reading reading) {
        nameOf(iso3);
        Instant known = reading.knownAt();
        List<Booked> rows = new ArrayList<>();
        List<String> monthIds = new ArrayList<>();
        for (ContaminationStore.Year head : store.years(List.of(ContaminationStore.yearId(iso3, year)))) {
            head.months().forEach(m -> monthIds.add(ContaminationStore.monthId(iso3, year, m)));
        }
        for (ContaminationStore.Month month : store.months(monthIds)) {
            month.rows().forEach((eventId, row) -> {
                if (!row.recordedAt().isAfter(known)) {
                    rows.add(new Booked(eventId, row));
                }
            });
        }
        Map<String, Long> indexes = log.indexesOf(rows.stream().map(Booked::eventId).toList());
        return rows.stream().map(r -> new EventRow(r.eventId(), r.row().date(), r.row().kind(), r.row().status(),
                        r.row().contamination(), r.row().m2(), r.row().mines(), r.row().recordedAt(),
                        indexes.get(r.eventId())))
                .sorted(Comparator.comparing(EventRow::date).thenComparing(EventRow::eventId)).toList();
    }

    private record Booked(String eventId, ContaminationTotals.Row row) {
    }

    record EventRow(String eventId, LocalDate date, String kind, String status, String contamination, long m2,
                    long minesDestroyed, Instant recordedAt, Long logIndex) {
    }

    /** One hazardous area and the events of its land release. */
    @GetMapping("/api/reporting/states/{iso3}/areas/{areaId}")
    HazardousAreaView area(@PathVariable String iso3, @PathVariable String areaId) {
        nameOf(iso3);
        ContaminationStore.Area area = store.area(iso3, areaId).orElseThrow(() -> new ProblemException(Problems.of(
                HttpStatus.NOT_FOUND, "unknown-area", "Unknown area",
                "No hazardous area '" + areaId + "' of " + iso3 + " is on record.")));
        return HazardousAreaView.of(area, log.indexesOf(area.events().stream()
                .map(ContaminationStore.AreaEvent::eventId).toList()));
    }

    private static String nameOf(String iso3) {
        return Countries.nameOf(iso3).orElseThrow(() -> new ProblemException(Problems.of(HttpStatus.NOT_FOUND,
                "unknown-state", "Unknown State", "'" + iso3 + "' is not an ISO 3166-1 alpha-3 code.")));
    }
}
