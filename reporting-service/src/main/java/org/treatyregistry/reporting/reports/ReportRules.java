package org.treatyregistry.reporting.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.LandReleaseFigureStated;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.reports.MissingReportListed;
import org.treatyregistry.contract.reports.ReportAmended;
import org.treatyregistry.contract.reports.ReportContent;
import org.treatyregistry.contract.reports.ReportReceived;
import org.treatyregistry.contract.reports.ReportRecordCompletenessDeclared;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.contract.stockpiles.RetainedMinesStated;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.Article7;
import org.treatyregistry.convention.reporting.ReportPeriods;

/** What a report must be to be recorded (Art. 7). */
public final class ReportRules {

    /** An indicator as the Action Plan numbers it: "8.1", "47". */
    private static final Pattern INDICATOR = Pattern.compile("\\d{1,2}(\\.\\d{1,2})?");
    /** The Guide to Reporting's answers: yes, no, or a number. */
    private static final Pattern ANSWER = Pattern.compile("yes|no|\\d+(\\.\\d+)?");

    private static final Set<String> LISTED = Set.of("not_submitted", "late");
    private static final Set<String> UNITS = Set.of("m2", "km2", "ha");

    private ReportRules() {
    }

    /**
     * Checks a submission against the State's participation, as the registry's events have it. (That a period is
     * reported once, and amended only once reported, is the stream's own rule: {@code ReportingStream.check}.)
     */
    public static Optional<RuleViolation> check(ReportSubmitted report, StateHistory participation, String name) {
        if (!ReportPeriods.isValid(report.period())) {
            return violation("period", "The period must be \"initial\" or the calendar year an annual report "
                    + "covers, such as \"2025\"; got '" + report.period() + "'.");
        }
        if (ReportPeriods.year(report.period()).orElse(0) >= report.receivedOn().getYear()) {
            return violation("period-not-over", "An annual report covers a calendar year that is over (Art. 7.2): "
                    + "the report for " + report.period() + " cannot be received on " + report.receivedOn() + ".");
        }
        boolean bound = participation.isBoundOn(report.receivedOn());
        if (report.voluntary()) {
            return bound ? violation("not-voluntary", name + " is a State Party on " + report.receivedOn()
                    + ": its reports are owed under Art. 7, not voluntary; post it with voluntary false.")
                    : checkContent(report.content(), report.answers());
        }
        // owed: by the schedule of Art. 7, whenever it falls due (an initial report may come before entry into force)
        boolean owed = Article7.owedBy(participation, report.receivedOn().plusYears(2)).stream()
                .anyMatch(due -> due.period().equals(report.period()));
        if (!owed) {
            boolean inForce = participation.deposits().stream().map(InstrumentDeposited::entryIntoForce)
                    .anyMatch(eif -> eif != null && !eif.isAfter(endOf(report.period(), report.receivedOn())));
            return inForce ? violation("not-owed", name + " owes no Article 7 report for period " + report.period()
                    + " (not bound when it would fall due, or covered by its initial report): post it as voluntary, "
                    + "or for the period it covers.")
                    : violation("before-entry-into-force", "No entry into force of the Convention for " + name
                    + " is on record by the end of period " + report.period() + ": a report from a State not "
                    + "party is voluntary (set voluntary true), or the registry lacks its deposit.");
        }
        return checkContent(report.content(), report.answers());
    }

    public static Optional<RuleViolation> check(ReportAmended amendment, List<StateEvent> stream) {
        Optional<ReportSubmitted> original = stream.stream().filter(ReportSubmitted.class::isInstance)
                .map(ReportSubmitted.class::cast)
                .filter(r -> r.period().equals(amendment.period())).findFirst();
        if (original.isPresent() && amendment.receivedOn().isBefore(original.get().receivedOn())) {
            return violation("amended-before-submitted", "The amendment is dated " + amendment.receivedOn()
                    + ", before the report it amends was received (" + original.get().receivedOn() + ").");
        }
        return checkContent(amendment.content(), amendment.answers());
    }

    /**
     * What a receipt, a monitor's statement or a declaration about the record of reports must say: a period, and
     * for a declaration one the Art. 7 schedule names (the record is complete for a due report, or not).
     */
    public static Optional<RuleViolation> checkAboutReports(StateEvent event) {
        if (event instanceof ReportReceived r && blank(r.period())
                || event instanceof MissingReportListed m && blank(m.period())) {
            return violation("period", "Name the period the report covers: \"initial\", the calendar year, or as "
                    + "the source names it.");
        }
        if (event instanceof MissingReportListed m && !LISTED.contains(m.statement())) {
            return violation("statement", "A monitor's statement is \"not_submitted\" or \"late\"; got '"
                    + m.statement() + "'.");
        }
        if (event instanceof ReportRecordCompletenessDeclared d && !ReportPeriods.isValid(d.period())) {
            return violation("period", "The record is declared complete for a period of the Art. 7 schedule: "
                    + "\"initial\" or a calendar year such as \"2025\"; got '" + d.period() + "'.");
        }
        return Optional.empty();
    }

    /** What a figure stated by a source must be: for a year or an initial declaration, in a known unit. */
    public static Optional<RuleViolation> checkStated(StateEvent event) {
        if (event instanceof RetainedMinesStated r) {
            if (!ReportPeriods.isValid(r.figureFor())) {
                return violation("figure-for", "A retained-mines figure is for a calendar year or \"initial\"; got '"
                        + r.figureFor() + "'.");
            }
            if (r.minesRetained() < 0) {
                return violation("negative-quantity", "Mines retained cannot be negative.");
            }
            if (ReportPeriods.year(r.figureFor()).orElse(0) > r.statedIn()) {
                return violation("stated-before", "A figure for " + r.figureFor() + " cannot be stated in "
                        + r.statedIn() + ".");
            }
        }
        if (event instanceof LandReleaseFigureStated f) {
            if (blank(f.metric()) || f.value() == null) {
                return violation("missing-field", "A land-release figure needs its metric and value.");
            }
            if (!UNITS.contains(f.unit())) {
                return violation("unit", "A land-release figure is in m2, km2 or ha, as stated; got '" + f.unit()
                        + "'.");
            }
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The last day a period's report may concern: 31 December of its year, or the day an initial one arrived. */
    private static LocalDate endOf(String period, LocalDate receivedOn) {
        return ReportPeriods.year(period).stream().mapToObj(y -> LocalDate.of(y, 12, 31)).findFirst()
                .orElse(receivedOn);
    }

    private static Optional<RuleViolation> checkContent(ReportContent content, Map<String, String> answers) {
        if (content == null) {
            return violation("no-content", "A report carries its Art. 7.1 content; send an object, with empty "
                    + "lists for what it is silent on.");
        }
        boolean negative = content.stockpile().stream().anyMatch(l -> l.quantity() < 0)
                || content.retained().stream().anyMatch(l -> l.quantity() < 0)
                || content.destroyed().stream().anyMatch(l -> l.quantity() < 0)
                || content.minedAreas().stream().anyMatch(l -> l.sizeM2() < 0);
        if (negative) {
            return violation("negative-quantity", "Quantities and areas in a report cannot be negative.");
        }
        if (content.destroyed().stream().anyMatch(l -> l.article() != 4 && l.article() != 5)) {
            return violation("article", "Mines destroyed are reported under Article 4 or Article 5 (Art. 7.1 (g)).");
        }
        for (Map.Entry<String, String> answer : answers.entrySet()) {
            if (!INDICATOR.matcher(answer.getKey()).matches() || answer.getValue() == null
                    || !ANSWER.matcher(answer.getValue()).matches()) {
                return violation("answer", "Answers are keyed by indicator (\"13.1\", \"47\") and are yes, no or "
                        + "a number; got " + answer.getKey() + "=" + answer.getValue() + ".");
            }
        }
        return Optional.empty();
    }

    private static Optional<RuleViolation> violation(String rule, String message) {
        return Optional.of(new RuleViolation(rule, message));
    }
}
