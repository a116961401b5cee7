package org.treatyregistry.indicators.computation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.reports.ReportSubmitted;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.convention.reporting.ReportingRecord;

/** Action 11: universal adherence, as the Depositary's record of instruments shows it (Art. 16). */
final class InstrumentsDeposited implements IndicatorRule {

    @Override
    public Map<String, Counting> indicators() {
        return Map.of("11.2", (indicator, year, world) -> Optional.of(newRatificationsAndAccessions(year, world)));
    }

    /**
     * 11.2, first count: instruments of ratification, acceptance, approval, accession or succession deposited in
     * the calendar year; the second count, voluntary reports by States not party received that year, is in the note.
     */
    private static Count newRatificationsAndAccessions(int year, World world) {
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        for (StateHistory history : world.histories()) {
            for (Fact fact : history.facts()) {
                if (fact.event() instanceof InstrumentDeposited deposit && deposit.deposit().year() == year) {
                    counted.add(new IndicatorValue.Counted(history.iso3(), List.of(fact.eventId())));
                }
            }
        }
        List<String> voluntary = world.reports().values().stream()
                .filter(r -> r.events(ReportSubmitted.class).stream()
                        .anyMatch(s -> s.voluntary() && s.receivedOn().getYear() == year))
                .map(ReportingRecord::iso3).sorted().toList();
        return new Count(counted, List.of(), null, null, "first of the indicator's two counts; second count: "
                + voluntary.size() + " States not party submitted voluntary Article 7 reports in " + year
                + (voluntary.isEmpty() ? "" : " (" + String.join(", ", voluntary) + ")"),
                IndicatorValue.Coverage.complete("instruments deposited in " + year + ", from the registry's record "
                        + "(the Depositary's)"));
    }
}
