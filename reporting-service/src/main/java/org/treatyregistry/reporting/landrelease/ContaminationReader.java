package org.treatyregistry.reporting.landrelease;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Computes contamination views from the year documents. A year that is over by {@code asOf}, and that holds no
 * row recorded after {@code knownAt}, is read from its totals (computed once from its rows and kept); the year of
 * {@code asOf}, and any year read as known before its last row was recorded, is computed from its rows. The
 * answer is the same either way; only the work differs.
 */
@Component
class ContaminationReader {

    private final ContaminationProjection projection;

    ContaminationReader(ContaminationProjection projection) {
        this.projection = projection;
    }

    /** Totals per State, for the given {@code contaminated_states} documents. */
    Map<String, ContaminationTotals> totals(List<Document> stateDocs, LocalDate asOf, Instant knownAt) {
        Map<String, ContaminationTotals> byState = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (Document state : stateDocs) {
            byState.put(state.getString("_id"), new ContaminationTotals());
            for (Object year : state.getList("years", Object.class)) {
                if (((Number) year).intValue() <= asOf.getYear()) {
                    ids.add(ContaminationProjection.yearId(state.getString("_id"), ((Number) year).intValue()));
                }
            }
        }
        if (ids.isEmpty()) {
            return byState;
        }
        Date known = Date.from(knownAt);
        List<Document> needRows = new ArrayList<>();
        List<String> monthIds = new ArrayList<>();
        for (Document year : projection.years(ids)) {
            Document kept = year.get("totals", Document.class);
            if (kept != null && isWhole(year, asOf, known)) {
                byState.get(year.getString("iso3")).addAll(ContaminationTotals.of(kept));
            } else {
                needRows.add(year);
                int y = year.getInteger("year");
                for (Object month : year.getList("months", Object.class)) {
                    int m = ((Number) month).intValue();
                    if (y < asOf.getYear() || m <= asOf.getMonthValue()) {
                        monthIds.add(ContaminationProjection.monthId(year.getString("iso3"), y, m));
                    }
                }
            }
        }
        if (!needRows.isEmpty()) {
            Map<String, List<Document>> monthsByYear = new HashMap<>();
            for (Document month : projection.months(monthIds)) {
                String id = month.getString("_id");
                monthsByYear.computeIfAbsent(id.substring(0, id.lastIndexOf('|')), k -> new ArrayList<>()).add(month);
            }
            for (Document year : needRows) {
                List<Document> rows = monthsByYear.getOrDefault(year.getString("_id"), List.of());
                ContaminationTotals totals;
                if (isWhole(year, asOf, known)) {
                    // only the rows the year document counted when read: one recorded since waits for the next read
                    totals = ContaminationTotals.ofRows(rows, null, year.getDate("maxRecordedAt").toInstant());
                    projection.keepTotals(year.getString("_id"), year.getInteger("version"), totals.toDocument());
                } else {
                    totals = ContaminationTotals.ofRows(rows, asOf, knownAt);
                }
                byState.get(year.getString("iso3")).addAll(totals);
            }
        }
        return byState;
    }

    /** Every row of the year counts: the year is over by {@code asOf} and nothing in it was recorded after. */
    private static boolean isWhole(Document year, LocalDate asOf, Date knownAt) {
        int y = year.getInteger("year");
        boolean over = y < asOf.getYear() || MonthDay.from(asOf).equals(MonthDay.of(12, 31));
        return over && !year.getDate("maxRecordedAt").after(knownAt);
    }
}
