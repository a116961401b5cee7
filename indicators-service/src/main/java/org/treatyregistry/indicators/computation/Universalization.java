package org.treatyregistry.indicators.computation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.treatyregistry.contract.universalization.MoratoriumDeclared;
import org.treatyregistry.contract.universalization.UnResolutionVoted;

/** Action 12: States not party moving towards the Convention, from the indicators' records. */
final class Universalization implements IndicatorRule {

    @Override
    public Map<String, Counting> indicators() {
        return Map.of(
                "12.1", (indicator, year, world) -> world.records(MoratoriumDeclared.class).isEmpty()
                        ? Optional.empty()
                        : Optional.of(moratoria(year, world).covering(new IndicatorValue.Coverage("MoratoriumDeclared "
                        + "records: " + world.records(MoratoriumDeclared.class).size(), null, null))),
                "12.2", (indicator, year, world) -> Count.ifRecorded(world, UnResolutionVoted.class, year,
                        () -> votesInFavour(year, world)));
    }

    /** 12.1: States not party on 31 December with a moratorium in place by then. */
    private static Count moratoria(int year, World world) {
        LocalDate end = LocalDate.of(year, 12, 31);
        Map<String, List<String>> states = new LinkedHashMap<>();
        for (World.OwnRecord<MoratoriumDeclared> m : world.records(MoratoriumDeclared.class)) {
            if (!m.event().effectiveDate().isAfter(end) && !world.historyOf(m.event().iso3()).isBoundOn(end)) {
                states.computeIfAbsent(m.event().iso3(), k -> new ArrayList<>()).add(m.eventId());
            }
        }
        return Count.ofStates(states, "moratoria in place on " + end);
    }

    /** 12.2: votes in favour of the year's UN General Assembly resolution on implementing the Convention. */
    private static Count votesInFavour(int year, World world) {
        List<IndicatorValue.Counted> counted = world.recordsIn(UnResolutionVoted.class, year).stream()
                .filter(v -> v.event().vote() == UnResolutionVoted.Vote.YES)
                .map(v -> new IndicatorValue.Counted(v.event().iso3(), List.of(v.eventId()))).toList();
        return new Count(counted, List.of(), null, null, null);
    }
}
