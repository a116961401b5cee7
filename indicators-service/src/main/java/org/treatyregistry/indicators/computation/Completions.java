package org.treatyregistry.indicators.computation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.treatyregistry.contract.obligations.ClearanceCompleted;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.ReportingRecord;

/** Action 24: completion of Article 5 obligations, and its voluntary Declaration of Completion. */
final class Completions implements IndicatorRule {

    @Override
    public Map<String, Counting> indicators() {
        return Map.of(
                "24.1", (indicator, year, world) -> Optional.of(completionsDeclared(year, world)),
                "24.2", (indicator, year, world) -> Optional.of(declarationsOfCompletion(year, world)));
    }

    /** 24.1: affected States Parties that declared completion of their Article 5 obligations in the year. */
    private static Count completionsDeclared(int year, World world) {
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        for (StateHistory history : world.histories()) {
            List<String> evidence = history.facts().stream()
                    .filter(f -> f.event() instanceof ClearanceCompleted c && c.inForceFrom().getYear() == year
                            && history.isBoundOn(c.inForceFrom()))
                    .map(Fact::eventId).toList();
            if (!evidence.isEmpty()) {
                counted.add(new IndicatorValue.Counted(history.iso3(), evidence));
            }
        }
        return new Count(counted, List.of(), null, null, null, IndicatorValue.Coverage.complete(
                "completions of Article 5 in " + year + ", from the registry's record"));
    }

    /**
     * 24.2: of the States of 24.1, those that submitted a voluntary Declaration of Completion: a report received
     * by {@code asOf} (usually the one covering the year of completion) answers 24.2.
     */
    private static Count declarationsOfCompletion(int year, World world) {
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        List<String> notCounted = new ArrayList<>();
        int withReports = 0;
        for (IndicatorValue.Counted completed : completionsDeclared(year, world).counted()) {
            ReportingRecord record = world.reportsOf(completed.iso3());
            if (!record.submissionsOn(world.asOf()).isEmpty()) {
                withReports++;
            }
            Optional<String> declaration = record.submissionsOn(world.asOf()).keySet().stream()
                    .map(period -> record.reportOn(period, world.asOf()).orElseThrow())
                    .filter(r -> ReportedAnswers.answersYes(r.answers().get("24.2")))
                    .map(ReportingRecord.Submitted::contentEventId).findFirst();
            if (declaration.isPresent()) {
                List<String> evidence = new ArrayList<>(completed.eventIds());
                evidence.add(declaration.get());
                counted.add(new IndicatorValue.Counted(completed.iso3(), evidence));
            } else {
                notCounted.add(completed.iso3());
            }
        }
        return new Count(counted, notCounted, counted.size() + notCounted.size(), null, null,
                new IndicatorValue.Coverage("reports received by " + world.asOf() + " with their content",
                        withReports, counted.size() + notCounted.size()));
    }
}
