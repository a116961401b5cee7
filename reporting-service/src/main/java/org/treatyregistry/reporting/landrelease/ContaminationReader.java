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
        List<String> needRows = new ArrayList<>();
        for (Document head : projection.yearHeads(ids)) {
            Document kept = head.get("totals", Document.class);
            if (kept != null && isWhole(head, asOf, known)) {
                byState.get(head.getString("iso3")).addAll(ContaminationTotals.of(kept));
            } else {
                needRows.add(head.getString("_id"));
            }
        }
        if (!needRows.isEmpty()) {
            for (Document year : projection.yearsWithRows(needRows)) {
                ContaminationTotals totals;
                if (isWhole(year, asOf, known)) {
                    totals = ContaminationTotals.ofRows(year, null, null);
                    projection.keepTotals(year.getString("_id"), year.getInteger("version"), totals.toDocument());
                } else {
                    totals = ContaminationTotals.ofRows(year, asOf, known);
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
