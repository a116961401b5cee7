package org.treatyregistry.reporting.reports;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.treatyregistry.contract.reports.MissingReportListed;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.Article7;
import org.treatyregistry.convention.reporting.ReportingRecord;

/** Each report a State owed or sent, with its status on a date. */
public final class ReportTable {

    /** How far ahead of the date asked the table shows reports not yet due. */
    static final int YEARS_AHEAD = 1;

    private ReportTable() {
    }

    /**
     * A row of the table. {@code period} is what the report covers ("initial", "2024"); {@code dueDate} when it
     * was due. {@code receivedOn} is as precise as the record ({@code 2012-04}); {@code contentOnRecord} whether
     * what it says is on record or only its receipt. {@code daysLate}: for a late report received on a known day,
     * days between due date and receipt; for a missing one, days overdue on the date asked.
     * {@code recordComplete}: the record is declared to hold every report of the State for the period, so absence
     * is missing. {@code listedMissing}: monitors' statements that it had not been received, with their dates.
     * {@code dueBasisEventId} is the registry event (the deposit) the obligation follows from; {@code reportEventId}
     * the receipt, and {@code sourceStatus} what its source said of it ("submitted_late"), where it said.
     */
    public record Row(String iso3, String name, String period, LocalDate dueDate, ReportStatus status,
                      String receivedOn, Long daysLate, boolean contentOnRecord, boolean informsOnImplementation,
                      boolean recordComplete, List<String> listedMissing, String dueBasisEventId,
                      String reportEventId, String sourceStatus) {
    }

    public static List<Row> of(String name, StateHistory history, ReportingRecord record, LocalDate asOf) {
        List<Row> rows = new ArrayList<>();
        Set<String> owed = new HashSet<>();
        var receipts = record.receiptsOn(asOf);
        for (Article7.DueReport due : Article7.owedBy(history, asOf.plusYears(YEARS_AHEAD))) {
            owed.add(due.period());
            ReportingRecord.Receipt sent = receipts.get(due.period());
            boolean complete = record.completenessDeclaration(due.period()).isPresent();
            List<String> listed = record.listedAsMissing(due.period(), asOf).stream().map(ReportTable::statement)
                    .toList();
            ReportStatus status = ReportStatus.on(asOf, due.dueDate(), sent == null ? null : sent.received(),
                    complete, !listed.isEmpty());
            Long daysLate = switch (status) {
                case SUBMITTED_LATE -> sent.received().isExact()
                        ? ChronoUnit.DAYS.between(due.dueDate(), sent.received().earliest()) : null;
                case MISSING -> ChronoUnit.DAYS.between(due.dueDate(), asOf);
                default -> null;
            };
            rows.add(row(record, name, due.period(), due.dueDate(), status, sent, daysLate, complete, listed, asOf,
                    due.basisEventId()));
        }
        // reports nothing was owed for: voluntary ones from States not party, and periods no schedule names
        receipts.values().stream().filter(s -> !owed.contains(s.period()))
                .forEach(s -> rows.add(row(record, name, s.period(), null,
                        s.voluntary() ? ReportStatus.VOLUNTARY : ReportStatus.RECEIVED_UNMATCHED, s, null, false,
                        List.of(), asOf, null)));
        return rows;
    }

    private static String statement(Fact fact) {
        MissingReportListed listed = (MissingReportListed) fact.event();
        return listed.statement() + " as of " + listed.statedOn() + " (" + fact.eventId() + ")";
    }

    private static Row row(ReportingRecord record, String name, String period, LocalDate due, ReportStatus status,
                           ReportingRecord.Receipt sent, Long daysLate, boolean complete, List<String> listed,
                           LocalDate asOf, String basis) {
        boolean informs = sent != null && record.reportOn(period, asOf)
                .map(r -> r.content().informsOnImplementation()).orElse(false);
        return new Row(record.iso3(), name, period, due, status, sent == null ? null : sent.received().toString(),
                daysLate, sent != null && sent.contentOnRecord(), informs, complete, listed, basis,
                sent == null ? null : sent.eventId(), sent == null ? null : sent.sourceStatus());
    }
}
