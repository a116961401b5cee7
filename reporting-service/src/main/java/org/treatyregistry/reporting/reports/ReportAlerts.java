package org.treatyregistry.reporting.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.convention.alerts.Alerts;
import org.treatyregistry.convention.alerts.Alerts.Alert;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.Article7;
import org.treatyregistry.convention.reporting.ReportingRecord;

/**
 * The alerts a State's Article 7 reports give, fired on their days as the registry's alerts are
 * ({@link Alerts}): a report due in so many days with none received by then (Art. 7.1: the initial report within
 * 180 days of entry into force; Art. 7.2: each year by 30 April), and a report overdue the day after it was due,
 * only where the record is declared complete for the State and period: elsewhere the record may simply not have
 * it, and saying "overdue" would accuse a State of what the record cannot tell.
 */
public final class ReportAlerts {

    private ReportAlerts() {
    }

    public static List<Alert> firing(StateHistory history, ReportingRecord record, LocalDate from, LocalDate to,
                                     List<Integer> daysAhead) {
        List<Alert> alerts = new ArrayList<>();
        for (Article7.DueReport due : Article7.owedBy(history, to.plusDays(Collections.max(daysAhead)))) {
            String report = due.period().equals(ReportSubmitted.INITIAL) ? "the initial report (Art. 7.1)"
                    : "the annual report for " + due.period() + " (Art. 7.2)";
            for (int days : daysAhead) {
                LocalDate warn = due.dueDate().minusDays(days);
                if (!record.receiptsOn(warn).containsKey(due.period())) {
                    alerts.add(Alerts.alert(Alerts.Kind.ARTICLE_7_REPORT_DUE, history.iso3(), warn, due.dueDate(), days,
                            "Art. 7: " + report + " is due by " + due.dueDate() + "; none on record " + days
                                    + " days before", List.of(due.basisEventId())));
                }
            }
            LocalDate after = due.dueDate().plusDays(1);
            ReportingRecord.Receipt sent = record.receiptsOn(after).get(due.period());
            record.completenessDeclaration(due.period()).filter(declared -> ReportStatus.on(after, due.dueDate(),
                    sent == null ? null : sent.received(), true, false) == ReportStatus.MISSING).ifPresent(declared ->
                    alerts.add(Alerts.alert(Alerts.Kind.ARTICLE_7_REPORT_OVERDUE, history.iso3(), after,
                            due.dueDate(), null, "Art. 7: " + report + " was due by " + due.dueDate() + " and is not "
                                    + "received; the record is declared complete for " + history.iso3() + " and "
                                    + due.period(), List.of(due.basisEventId(), declared))));
        }
        return Alerts.within(alerts, from, to);
    }
}
