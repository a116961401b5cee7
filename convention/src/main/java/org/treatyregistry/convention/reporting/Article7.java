package org.treatyregistry.convention.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.StateHistory;

/** The Article 7 reports a State owes, from its record of participation. */
public final class Article7 {

    /** Art. 7.1: the initial report "not later than 180 days after the entry into force ... for that State". */
    public static final int INITIAL_REPORT_DAYS = 180;

    private Article7() {
    }

    /** A report owed: its period, when it is due, and the registry event the obligation rests on. */
    public record DueReport(String period, LocalDate dueDate, String basisEventId) {
    }

    public static LocalDate initialReport(LocalDate entryIntoForce) {
        return entryIntoForce.plusDays(INITIAL_REPORT_DAYS);
    }

    /** Art. 7.2: updated annually, covering the last calendar year, by 30 April. */
    public static LocalDate annualReport(int calendarYear) {
        return LocalDate.of(calendarYear + 1, 4, 30);
    }

    /**
     * The reports due up to {@code through}: the initial report of each entry into force, then one for each
     * calendar year from that of entry into force whose 30 April falls after the initial report was due (a State
     * in force on 1 December 2024 owes its initial report by 30 May 2025 and its first annual one by 30 April
     * 2026). A report is owed only if the State is bound on its due date: a withdrawal that has taken effect
     * ends the obligation.
     */
    public static List<DueReport> owedBy(StateHistory history, LocalDate through) {
        Map<String, DueReport> owed = new LinkedHashMap<>();
        for (Fact fact : history.facts()) {
            if (!(fact.event() instanceof InstrumentDeposited deposit) || deposit.entryIntoForce() == null) {
                continue;
            }
            LocalDate initial = initialReport(deposit.entryIntoForce());
            if (!initial.isAfter(through) && history.isBoundOn(initial)) {
                owed.putIfAbsent(ReportPeriods.INITIAL, new DueReport(ReportPeriods.INITIAL, initial, fact.eventId()));
            }
            for (int year = deposit.entryIntoForce().getYear(); !annualReport(year).isAfter(through); year++) {
                LocalDate due = annualReport(year);
                if (due.isAfter(initial) && history.isBoundOn(due)) {
                    owed.putIfAbsent(String.valueOf(year), new DueReport(String.valueOf(year), due, fact.eventId()));
                }
            }
        }
        return new ArrayList<>(owed.values());
    }
}
