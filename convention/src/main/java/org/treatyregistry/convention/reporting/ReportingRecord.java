package org.treatyregistry.convention.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.treatyregistry.contract.PartialDate;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.LandReleaseFigureStated;
import org.treatyregistry.contract.reports.MissingReportListed;
import org.treatyregistry.contract.reports.ReportAmended;
import org.treatyregistry.contract.reports.ReportContent;
import org.treatyregistry.contract.reports.ReportReceived;
import org.treatyregistry.contract.reports.ReportRecordCompletenessDeclared;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.contract.stockpiles.RetainedMinesStated;
import org.treatyregistry.convention.Fact;

/**
 * What one State's Article 7 reports and stockpile facts say, as recorded: the reporting service's counterpart
 * of the registry's {@code StateHistory}. Pure: every view is computed from it for a date.
 */
public record ReportingRecord(String iso3, List<Fact> facts) {

    public ReportingRecord {
        facts = List.copyOf(facts);
    }

    /**
     * The facts a reporting record holds: reports (with their content or only their receipt), monitors' statements
     * and declarations about the record of reports, stockpile facts, retained mines and land-release figures as
     * sources state them (land release by area is kept per area).
     */
    public static boolean isReportingFact(StateEvent event) {
        return event instanceof ReportSubmitted || event instanceof ReportAmended || event instanceof ReportReceived
                || event instanceof MissingReportListed || event instanceof ReportRecordCompletenessDeclared
                || event instanceof RetainedMinesStated || event instanceof LandReleaseFigureStated
                || StockpileLedger.isStockpileFact(event);
    }

    public static ReportingRecord empty(String iso3) {
        return new ReportingRecord(iso3, List.of());
    }

    /** The record as it stood at {@code knownAt}: facts recorded later are left out. */
    public ReportingRecord knownAt(Instant knownAt) {
        return knownAt == null ? this
                : new ReportingRecord(iso3, facts.stream().filter(f -> !f.recordedAt().isAfter(knownAt)).toList());
    }

    public <T extends StateEvent> List<T> events(Class<T> type) {
        return facts.stream().map(Fact::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** Facts of the given type that had happened by {@code date}, in date order (recording order for ties). */
    public <T extends StateEvent> List<T> eventsOn(Class<T> type, LocalDate date) {
        return events(type).stream().filter(e -> !e.effectiveDate().isAfter(date))
                .sorted(Comparator.comparing(StateEvent::effectiveDate)).toList();
    }

    public Optional<String> eventIdOf(StateEvent event) {
        return facts.stream().filter(f -> f.event() == event).map(Fact::eventId).findFirst();
    }

    /** The first submission of each period received by {@code date}: it decides whether the report was on time. */
    public Map<String, ReportSubmitted> submissionsOn(LocalDate date) {
        Map<String, ReportSubmitted> first = new LinkedHashMap<>();
        for (ReportSubmitted report : eventsOn(ReportSubmitted.class, date)) {
            first.putIfAbsent(report.period(), report);
        }
        return first;
    }

    /**
     * A report on record, received by a date: the earliest receipt of its period, whether a {@link ReportSubmitted}
     * with its content or a {@link ReportReceived} that records the receipt only. {@code contentOnRecord}: what the
     * report says is on record (a submission for the period has been received by then).
     */
    public record Receipt(String period, PartialDate received, boolean voluntary, boolean contentOnRecord,
                          String eventId, String sourceStatus) {
    }

    /** Each period's earliest receipt on record by {@code date} (a partial date counts from its last day). */
    public Map<String, Receipt> receiptsOn(LocalDate date) {
        Map<String, Receipt> receipts = new LinkedHashMap<>();
        Map<String, ReportSubmitted> submitted = submissionsOn(date);
        for (Fact fact : facts) {
            if (fact.event().effectiveDate().isAfter(date)) {
                continue;
            }
            Receipt receipt = fact.event() instanceof ReportSubmitted s && submitted.get(s.period()) == s
                    ? new Receipt(s.period(), PartialDate.of(s.receivedOn()), s.voluntary(), true, fact.eventId(), null)
                    : fact.event() instanceof ReportReceived r ? new Receipt(r.period(), r.receivedDate(), false,
                    submitted.containsKey(r.period()), fact.eventId(), r.sourceStatus()) : null;
            if (receipt != null) {
                receipts.merge(receipt.period(), receipt, ReportingRecord::earlier);
            }
        }
        return receipts;
    }

    /** The earlier of two receipts of a period; the content is on record if either brings it. */
    private static Receipt earlier(Receipt a, Receipt b) {
        Receipt first = b.received().certainBy().isBefore(a.received().certainBy()) ? b : a;
        return new Receipt(first.period(), first.received(), first.voluntary(),
                a.contentOnRecord() || b.contentOnRecord(), first.eventId(), first.sourceStatus());
    }

    /**
     * Whether the record is declared to hold every report of the period ({@link ReportRecordCompletenessDeclared}),
     * as known: only then is a due report absent from it missing, on any date.
     */
    public Optional<String> completenessDeclaration(String period) {
        return facts.stream().filter(f -> f.event() instanceof ReportRecordCompletenessDeclared d
                && d.period().equals(period)).map(Fact::eventId).findFirst();
    }

    /** Monitors' statements, made by {@code date}, that the report for the period had not been received. */
    public List<Fact> listedAsMissing(String period, LocalDate date) {
        return facts.stream().filter(f -> f.event() instanceof MissingReportListed m && m.period().equals(period)
                && !m.effectiveDate().isAfter(date)).toList();
    }

    /** A report's content as it read on {@code date}: the submission, or the last amendment by then. */
    public Optional<Submitted> reportOn(String period, LocalDate date) {
        Predicate<StateEvent> ofPeriod = e -> e instanceof ReportSubmitted s ? s.period().equals(period)
                : e instanceof ReportAmended a && a.period().equals(period);
        ReportSubmitted first = submissionsOn(date).get(period);
        if (first == null) {
            return Optional.empty();
        }
        Submitted current = new Submitted(first, first.content(), first.answers(), eventIdOf(first).orElse(null));
        for (StateEvent e : facts.stream().map(Fact::event).filter(ofPeriod)
                .filter(e -> !e.effectiveDate().isAfter(date))
                .sorted(Comparator.comparing(StateEvent::effectiveDate)).toList()) {
            if (e instanceof ReportAmended amended) {
                current = new Submitted(first, amended.content(), amended.answers(), eventIdOf(amended).orElse(null));
            }
        }
        return Optional.of(current);
    }

    /**
     * The latest annual report, for a year up to {@code lastYear}, received by {@code asOf}, as it then read: what
     * the State last said (a State that stops reporting keeps the obligations it last reported).
     */
    public Optional<Submitted> latestAnnualReport(int lastYear, LocalDate asOf) {
        return submissionsOn(asOf).keySet().stream().filter(p -> ReportPeriods.year(p).isPresent())
                .filter(p -> ReportPeriods.year(p).getAsInt() <= lastYear)
                .max(Comparator.comparingInt(p -> ReportPeriods.year(p).getAsInt()))
                .flatMap(p -> reportOn(p, asOf));
    }

    /** A report as it read: the first submission (for timeliness) and the content then in force. */
    public record Submitted(ReportSubmitted submission, ReportContent content, Map<String, String> answers,
                            String contentEventId) {
    }
}
