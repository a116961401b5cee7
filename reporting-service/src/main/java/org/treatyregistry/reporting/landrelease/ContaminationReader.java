package org.treatyregistry.reporting.landrelease;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Computes contamination views from the year documents. A year that is over by {@code asOf}, and that holds no
 * row recorded after {@code knownAt}, is read from its totals (computed once from its rows and kept); the year of
 * {@code asOf}, and any year read as known before its last row was recorded, is computed from its rows. The
 * answer is the same either way; only the work differs.
 */
@Component
class ContaminationReader {

    private final ContaminationStore store;

    ContaminationReader(ContaminationStore store) {
        this.store = store;
    }

    /** Totals per State, for the given States. */
    Map<String, ContaminationTotals> totals(List<ContaminationStore.ContaminatedState> states, LocalDate asOf,
                                            Instant knownAt) {
        Map<String, ContaminationTotals> byState = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (ContaminationStore.ContaminatedState state : states) {
            byState.put(state.iso3(), new ContaminationTotals());
            for (int year : state.years()) {
                if (year <= asOf.getYear()) {
                    ids.add(ContaminationStore.yearId(state.iso3(), year));
                }
            }
        }
        if (ids.isEmpty()) {
            return byState;
        }
        List<ContaminationStore.Year> needRows = new ArrayList<>();
        List<String> monthIds = new ArrayList<>();
        for (ContaminationStore.Year year : store.years(ids)) {
            if (year.totals().isPresent() && isWhole(year, asOf, knownAt)) {
                byState.get(year.iso3()).addAll(year.totals().get());
            } else {
                needRows.add(year);
                for (int m : year.months()) {
                    if (year.year() < asOf.getYear() || m <= asOf.getMonthValue()) {
                        monthIds.add(ContaminationStore.monthId(year.iso3(), year.year(), m));
                    }
                }
            }
        }
        if (!needRows.isEmpty()) {
            Map<String, List<ContaminationStore.Month>> monthsByYear = new HashMap<>();
            for (ContaminationStore.Month month : store.months(monthIds)) {
                String id = month.id();
                monthsByYear.computeIfAbsent(id.substring(0, id.lastIndexOf('|')), k -> new ArrayList<>()).add(month);
            }
            for (ContaminationStore.Year year : needRows) {
                List<ContaminationStore.Month> rows = monthsByYear.getOrDefault(year.id(), List.of());
                ContaminationTotals totals;
                if (isWhole(year, asOf, knownAt)) {
                    // only the rows the year document counted when read: one recorded since waits for the next read
                    totals = ContaminationTotals.ofRows(rows, null, year.maxRecordedAt());
                    store.keepTotals(year, totals);
                } else {
                    totals = ContaminationTotals.ofRows(rows, asOf, knownAt);
                }
                byState.get(year.iso3()).addAll(totals);
            }
        }
        return byState;
    }

    /** Every row of the year counts: the year is over by {@code asOf} and nothing in it was recorded after. */
    private static boolean isWhole(ContaminationStore.Year year, LocalDate asOf, Instant knownAt) {
        boolean over = year.year() < asOf.getYear() || MonthDay.from(asOf).equals(MonthDay.of(12, 31));
        return over && !year.maxRecordedAt().isAfter(knownAt);
    }
}
