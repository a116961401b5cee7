package org.treatyregistry.reporting.compliance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.treatyregistry.convention.obligations.Article5;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.ReportPeriods;
import org.treatyregistry.convention.reporting.ReportingRecord;
import org.treatyregistry.convention.reporting.StockpileLedger;
import org.treatyregistry.reporting.reports.ReportStatus;
import org.treatyregistry.reporting.reports.ReportTable;
import org.treatyregistry.reporting.stockpiles.StockpileView;

/** The compliance flags of one State on a date, each with its reason and the events it rests on. */
public final class ComplianceFlags {

    /** Late reports are flagged while their due date is this recent; missing ones until they arrive. */
    static final int LATE_FLAGGED_YEARS = 1;

    private ComplianceFlags() {
    }

    public record Flag(String iso3, String name, String rule, String reason, List<String> eventIds) {
    }

    public static List<Flag> of(String name, StateHistory participation, ReportingRecord record, LocalDate asOf) {
        String iso3 = record.iso3();
        List<Flag> flags = new ArrayList<>();
        List<ReportTable.Row> reports = ReportTable.of(name, participation, record, asOf);
        for (ReportTable.Row row : reports) {
            if (row.status() == ReportStatus.MISSING) {
                flags.add(new Flag(iso3, name, "missing-report", "The " + describe(row.period()) + " was due on "
                        + row.dueDate() + " (Art. 7) and is " + row.daysLate() + " days overdue.",
                        ids(row.dueBasisEventId())));
            } else if (row.status() == ReportStatus.SUBMITTED_LATE
                    && row.dueDate().isAfter(asOf.minusYears(LATE_FLAGGED_YEARS))) {
                flags.add(new Flag(iso3, name, "late-report", "The " + describe(row.period()) + " was due on "
                        + row.dueDate() + " and arrived on " + row.receivedOn()
                        + (row.daysLate() == null ? ", after it." : ", " + row.daysLate() + " days late."),
                        ids(row.dueBasisEventId(), row.reportEventId())));
            }
        }
        StockpileView stockpile = StockpileView.of(name, participation, record, asOf);
        if (stockpile.action14()) {
            flags.add(new Flag(iso3, name, "action-14", "The Article 4 deadline of " + stockpile.article4Deadline()
                    + " passed with " + stockpile.heldOnDeadline() + " stockpiled mines held, and "
                    + stockpile.totalHeld() + " are still held on " + asOf + ": non-compliance with Article 4.",
                    stockpileEventIds(stockpile)));
        }
        for (StockpileLedger.Find find : stockpile.finds()) {
            if (find.missed()) {
                flags.add(new Flag(iso3, name, "action-15", find.found().quantity() + " previously unknown mines of "
                        + "type " + find.found().mineType() + " found on " + find.found().foundOn() + " were not "
                        + "destroyed within six months (by " + find.deadline() + ").",
                        ids(record.eventIdOf(find.found()).orElse(null))));
            }
        }
        lastAnnualReport(reports).flatMap(last -> retentionNotReviewed(name, record, last, asOf)).ifPresent(flags::add);
        action47(name, participation, record, stockpile, reports, asOf).ifPresent(flags::add);
        return flags;
    }

    /**
     * Action 16: a State that retains mines (by the last report that says) reviews their number every year, and
     * says so in the report for the year (indicator 16.1).
     */
    private static Optional<Flag> retentionNotReviewed(String name, ReportingRecord record, ReportTable.Row last,
                                                       LocalDate asOf) {
        int lastYear = ReportPeriods.year(last.period()).orElseThrow();
        Optional<ReportingRecord.Submitted> report = record.reportOn(last.period(), asOf);
        Optional<ReportingRecord.Submitted> retaining = record.latestAnnualReport(lastYear, asOf)
                .filter(r -> r.content().retainedTotal() > 0);
        // a report the record may lack is not known to be silent on the review
        if (retaining.isEmpty() || report.isPresent() && "yes".equals(report.get().answers().get("16.1"))
                || report.isEmpty() && last.status() != ReportStatus.MISSING) {
            return Optional.empty();
        }
        String reason = report.isPresent()
                ? "The report for " + last.period() + " lists " + report.get().content().retainedTotal()
                + " mines retained under Article 3 but reports no annual review of their number (Action 16)."
                : "The report for " + retaining.get().submission().period() + " lists "
                + retaining.get().content().retainedTotal() + " mines retained under Article 3, and no report for "
                + last.period() + " reviews their number (Action 16).";
        return Optional.of(new Flag(record.iso3(), name, "action-16", reason, ids(retaining.get().contentEventId())));
    }

    /**
     * Action 47: a State with Article 3, 4 or 5 obligations whose last two annual reports due gave no information
     * on implementing them (missing from a record declared complete, or on record and silent on stocks, mined
     * areas, retained and destroyed mines). A report the record may lack, or holds without its content, is not
     * known to be silent: no flag rests on it.
     */
    private static Optional<Flag> action47(String name, StateHistory participation, ReportingRecord record,
                                           StockpileView stockpile, List<ReportTable.Row> reports, LocalDate asOf) {
        if (!participation.isBoundOn(asOf)) {
            return Optional.empty();
        }
        List<String> obligations = new ArrayList<>();
        lastAnnualReport(reports).flatMap(last -> record.latestAnnualReport(
                        ReportPeriods.year(last.period()).orElseThrow(), asOf))
                .filter(r -> r.content().retainedTotal() > 0).ifPresent(r -> obligations.add("Article 3"));
        if (stockpile.totalHeld() > 0) {
            obligations.add("Article 4");
        }
        if (Article5.on(participation, asOf).filter(s -> s.state() != Article5.State.COMPLETED).isPresent()) {
            obligations.add("Article 5");
        }
        List<ReportTable.Row> lastTwo = reports.stream().filter(r -> ReportPeriods.year(r.period()).isPresent())
                .filter(r -> r.status() != ReportStatus.NOT_YET_DUE && r.status() != ReportStatus.VOLUNTARY)
                .sorted(Comparator.comparing(ReportTable.Row::dueDate).reversed()).limit(2).toList();
        // known to give no information: missing from a complete record, or on record and silent on it
        if (obligations.isEmpty() || lastTwo.size() < 2 || !lastTwo.stream().allMatch(r -> r.status()
                == ReportStatus.MISSING || r.contentOnRecord() && !r.informsOnImplementation())) {
            return Optional.empty();
        }
        return Optional.of(new Flag(record.iso3(), name, "action-47", name + " has obligations under "
                + String.join(", ", obligations) + " and gave no information on implementation for two consecutive "
                + "years (" + lastTwo.get(1).period() + " and " + lastTwo.get(0).period() + "): the President is "
                + "to engage with it (Action 47).", lastTwo.stream().flatMap(r -> Stream.of(r.dueBasisEventId(),
                        r.reportEventId())).filter(Objects::nonNull).distinct().toList()));
    }

    private static Optional<ReportTable.Row> lastAnnualReport(List<ReportTable.Row> reports) {
        return reports.stream().filter(r -> ReportPeriods.year(r.period()).isPresent() && r.dueDate() != null)
                .filter(r -> r.status() != ReportStatus.NOT_YET_DUE)
                .max(Comparator.comparing(ReportTable.Row::dueDate));
    }

    private static List<String> stockpileEventIds(StockpileView stockpile) {
        return stockpile.history().stream().map(StockpileView.Entry::eventId).toList();
    }

    private static String describe(String period) {
        return ReportPeriods.INITIAL.equals(period) ? "initial report" : "annual report for " + period;
    }

    private static List<String> ids(String... ids) {
        return Stream.of(ids).filter(Objects::nonNull).toList();
    }
}
