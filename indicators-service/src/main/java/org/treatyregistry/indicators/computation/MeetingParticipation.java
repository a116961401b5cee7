package org.treatyregistry.indicators.computation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.treatyregistry.contract.meetings.DelegationAttended;
import org.treatyregistry.contract.meetings.SurvivorOrganisationAttended;

/** Actions 5 and 11: who took part in the Convention's meetings in the calendar year, from the indicators' records. */
final class MeetingParticipation implements IndicatorRule {

    @Override
    public Map<String, Counting> indicators() {
        return Map.of(
                "5.3", (indicator, year, world) -> Count.ifRecorded(world, SurvivorOrganisationAttended.class, year,
                        () -> survivorOrganisations(year, world)),
                "5.4", (indicator, year, world) -> Count.ifRecorded(world, DelegationAttended.class, year,
                        () -> women(year, world)),
                "11.3", (indicator, year, world) -> Count.ifRecorded(world, DelegationAttended.class, year,
                        () -> statesNotPartyAttending(year, world)));
    }

    /** 5.3: organisations of mine victims and survivors that took part in Convention meetings in the year. */
    private static Count survivorOrganisations(int year, World world) {
        Map<String, IndicatorValue.Counted> organisations = new LinkedHashMap<>();
        for (World.OwnRecord<SurvivorOrganisationAttended> attended
                : world.recordsIn(SurvivorOrganisationAttended.class, year)) {
            organisations.merge(attended.event().organisation(), new IndicatorValue.Counted(attended.event().iso3(),
                    List.of(attended.eventId())), (a, b) -> new IndicatorValue.Counted(a.iso3(), concat(a, b)));
        }
        return new Count(List.copyOf(organisations.values()), List.of(), null, null,
                "distinct organisations: " + String.join(", ", organisations.keySet()));
    }

    /** 5.4: women among the delegates of the year's meetings: a share of people, not of States. */
    private static Count women(int year, World world) {
        List<IndicatorValue.Counted> delegations = new ArrayList<>();
        int women = 0;
        int delegates = 0;
        for (World.OwnRecord<DelegationAttended> d : world.recordsIn(DelegationAttended.class, year)) {
            women += d.event().women();
            delegates += d.event().delegates();
            delegations.add(new IndicatorValue.Counted(d.event().iso3(), List.of(d.eventId())));
        }
        return new Count(delegations, List.of(), delegates, women, women + " women of " + delegates
                + " delegates in " + delegations.size() + " delegations; numerator and denominator count people");
    }

    /** 11.3: States not party, on the day of the meeting, whose delegations attended meetings in the year. */
    private static Count statesNotPartyAttending(int year, World world) {
        Map<String, List<String>> states = new LinkedHashMap<>();
        for (World.OwnRecord<DelegationAttended> d : world.recordsIn(DelegationAttended.class, year)) {
            if (!world.historyOf(d.event().iso3()).isBoundOn(d.event().meetingStartedOn())) {
                states.computeIfAbsent(d.event().iso3(), k -> new ArrayList<>()).add(d.eventId());
            }
        }
        return Count.ofStates(states, null);
    }

    private static List<String> concat(IndicatorValue.Counted a, IndicatorValue.Counted b) {
        List<String> ids = new ArrayList<>(a.eventIds());
        ids.addAll(b.eventIds());
        return ids;
    }
}
