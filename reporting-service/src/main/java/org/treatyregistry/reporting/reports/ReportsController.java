package org.treatyregistry.reporting.reports;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Article 7 reports owed, with their status on {@code asOf} (default today). */
@RestController
@RequestMapping("/api/reporting/reports")
class ReportsController {

    private final ReportScheduleProjection projection;
    private final Clock clock;

    ReportsController(ReportScheduleProjection projection, Clock clock) {
        this.projection = projection;
        this.clock = clock;
    }

    @GetMapping
    List<ReportView> reports(@RequestParam(required = false) String state,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                             @RequestParam(required = false) ReportStatus status) {
        LocalDate date = asOf == null ? LocalDate.now(clock) : asOf;
        return projection.initialReports(state).stream()
                .map(report -> new ReportView(report.iso3(), report.name(), report.period(), report.dueDate(),
                        ReportStatus.on(date, report.dueDate()), date, report.sourceEventId()))
                .filter(view -> status == null || view.status() == status)
                .toList();
    }

    record ReportView(String iso3, String name, String period, LocalDate dueDate, ReportStatus status,
                      LocalDate asOf, String sourceEventId) {
    }
}
