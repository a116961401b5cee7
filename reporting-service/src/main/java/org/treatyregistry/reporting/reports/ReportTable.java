package org.treatyregistry.reporting.reports;

import org.treatyregistry.convention.reporting.Article7;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.ReportingRecord;

/** Each report a State owed or sent, with its status on a date. */
public final class ReportTable {

    /** How far ahead of the date asked the table shows reports not yet due. */
    static final int YEARS_AHEAD = 1;

    private ReportTable() {
    }

    /**
     * A row of the table. {@code daysLate}: for a late report, days between due date and receipt; for a missing
     * one, days overdue on the date asked. {@code dueBasisEventId} is the registry event (the deposit) the
     * obligation follows from; {@code reportEventId} the submission.
     */
    public record Row(String iso3, String name, String period, LocalDate dueDate, ReportStatus status,
                      LocalDate receivedOn, Long daysLate, boolean informsOnImplementation, String dueBasisEventId,
                      String reportEventId) {
    }

    public static List<Row> of(String name, StateHistory history, ReportingRecord record, LocalDate asOf) {
        List<Row> rows = new ArrayList<>();
        Set<String> owed = new HashSet<>();
        var submissions = record.submissionsOn(asOf);
        for (Article7.DueReport due : Article7.owedBy(history, asOf.plusYears(YEARS_AHEAD))) {
            owed.add(due.period());
            ReportSubmitted sent = submissions.get(due.period());
            LocalDate received = sent == null ? null : sent.receivedOn();
            ReportStatus status = ReportStatus.on(asOf, due.dueDate(), received);
            Long daysLate = switch (status) {
                case SUBMITTED_LATE -> ChronoUnit.DAYS.between(due.dueDate(), received);
                case MISSING -> ChronoUnit.DAYS.between(due.dueDate(), asOf);
                default -> null;
            };
            rows.add(row(record, name, due.period(), due.dueDate(), status, sent, daysLate, asOf,
                    due.basisEventId()));
        }
        // reports nothing was owed for: voluntary ones from States not party
        submissions.values().stream().filter(s -> !owed.contains(s.period()))
                .forEach(s -> rows.add(row(record, name, s.period(), null, ReportStatus.VOLUNTARY, s, null, asOf,
                        null)));
        return rows;
    }

    private static Row row(ReportingRecord record, String name, String period, LocalDate due, ReportStatus status,
                           ReportSubmitted sent, Long daysLate, LocalDate asOf, String basis) {
        boolean informs = sent != null && record.reportOn(period, asOf)
                .map(r -> r.content().informsOnImplementation()).orElse(false);
        return new Row(record.iso3(), name, period, due, status, sent == null ? null : sent.receivedOn(), daysLate,
                informs, basis, sent == null ? null : record.eventIdOf(sent).orElse(null));
    }
}
