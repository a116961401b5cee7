package org.treatyregistry.indicators.computation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.Article7;
import org.treatyregistry.convention.reporting.ReportingRecord;

/** Action 8: annual transparency reports on time (Art. 7.2). */
final class ReportsOnTime implements IndicatorRule {

    @Override
    public Map<String, Counting> indicators() {
        return Map.of("8.1", (indicator, year, world) -> Optional.of(reportsOnTime(year, world)));
    }

    /** 8.1: of the States Parties owing an annual report by 30 April of the year, those that sent it by then. */
    private static Count reportsOnTime(int year, World world) {
        LocalDate due = Populations.reportingDate(year);
        String period = String.valueOf(year - 1);
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        List<String> notCounted = new ArrayList<>();
        int known = 0;
        for (StateHistory history : world.histories()) {
            Optional<Article7.DueReport> owed = Article7.owedBy(history, due).stream()
                    .filter(d -> d.period().equals(period)).findFirst();
            if (owed.isEmpty()) {
                continue;
            }
            ReportingRecord record = world.reportsOf(history.iso3());
            ReportingRecord.Receipt receipt = record.receiptsOn(world.asOf().isAfter(due) ? world.asOf() : due)
                    .get(period);
            boolean onTime = receipt != null && !receipt.received().certainBy().isAfter(due);
            // known: received by the due date, certainly after it, or absent from a record declared complete
            if (onTime || receipt != null && receipt.received().earliest().isAfter(due)
                    || receipt == null && record.completenessDeclaration(period).isPresent()) {
                known++;
            }
            if (onTime) {
                counted.add(new IndicatorValue.Counted(history.iso3(), List.of(owed.get().basisEventId(),
                        receipt.eventId())));
            } else {
                notCounted.add(history.iso3());
            }
        }
        return new Count(counted, notCounted, counted.size() + notCounted.size(),
                "annual reports for " + period + " received by " + due).covering(new IndicatorValue.Coverage(
                "receipts of the reports for " + period + " (or their absence from a record declared complete)", known,
                counted.size() + notCounted.size()));
    }
}
