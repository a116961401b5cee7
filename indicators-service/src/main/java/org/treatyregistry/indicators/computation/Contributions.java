package org.treatyregistry.indicators.computation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.treatyregistry.contract.finance.AssessedContributionPaid;
import org.treatyregistry.contract.finance.VoluntaryContributionMade;
import org.treatyregistry.convention.participation.StateHistory;

/** Action 10: financial contributions (Art. 14 costs, the ISU), from the indicators' records. */
final class Contributions implements IndicatorRule {

    /** Action 10: assessed contributions paid "no later than three months before" the meeting. */
    static final int MONTHS_BEFORE_MEETING = 3;

    @Override
    public Map<String, Counting> indicators() {
        return Map.of(
                "10.1", (indicator, year, world) -> assessedOnTime(year, world),
                "10.2", (indicator, year, world) -> Count.ifRecorded(world, VoluntaryContributionMade.class, year,
                        () -> voluntaryContributions(year, world)));
    }

    /**
     * 10.1: States Parties on the day the year's Meeting of the States Parties (or Review Conference) opened that
     * had paid their assessed contribution three months before. The meeting is the latest of the year that
     * contributions name; with none recorded, the indicator awaits them.
     */
    private static Optional<Count> assessedOnTime(int year, World world) {
        List<World.OwnRecord<AssessedContributionPaid>> payments = world.records(AssessedContributionPaid.class)
                .stream().filter(p -> p.event().meetingStartedOn().getYear() == year).toList();
        Optional<AssessedContributionPaid> meeting = payments.stream().map(World.OwnRecord::event)
                .max(Comparator.comparing(AssessedContributionPaid::meetingStartedOn));
        if (meeting.isEmpty()) {
            return Optional.empty();
        }
        LocalDate opened = meeting.get().meetingStartedOn();
        LocalDate payBy = opened.minusMonths(MONTHS_BEFORE_MEETING);
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        List<String> notCounted = new ArrayList<>();
        for (StateHistory history : world.histories()) {
            if (!history.isBoundOn(opened)) {
                continue;
            }
            Optional<World.OwnRecord<AssessedContributionPaid>> paid = payments.stream()
                    .filter(p -> p.event().iso3().equals(history.iso3()))
                    .filter(p -> p.event().meeting().equals(meeting.get().meeting()))
                    .filter(p -> !p.event().paidOn().isAfter(payBy)).findFirst();
            if (paid.isPresent()) {
                counted.add(new IndicatorValue.Counted(history.iso3(), List.of(paid.get().eventId())));
            } else {
                notCounted.add(history.iso3());
            }
        }
        return Optional.of(new Count(counted, notCounted, counted.size() + notCounted.size(), null,
                meeting.get().meeting() + " opened " + opened + "; paid by " + payBy,
                new IndicatorValue.Coverage("AssessedContributionPaid records for " + meeting.get().meeting() + ": "
                        + payments.size(), null, null)));
    }

    /** 10.2: States Parties (on 31 December) that made a voluntary contribution to the ISU in the year. */
    private static Count voluntaryContributions(int year, World world) {
        LocalDate end = LocalDate.of(year, 12, 31);
        List<World.OwnRecord<VoluntaryContributionMade>> contributions =
                world.recordsIn(VoluntaryContributionMade.class, year);
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        List<String> notCounted = new ArrayList<>();
        for (StateHistory history : world.histories()) {
            if (!history.isBoundOn(end)) {
                continue;
            }
            List<String> made = contributions.stream().filter(c -> c.event().iso3().equals(history.iso3()))
                    .map(World.OwnRecord::eventId).toList();
            if (made.isEmpty()) {
                notCounted.add(history.iso3());
            } else {
                counted.add(new IndicatorValue.Counted(history.iso3(), made));
            }
        }
        return new Count(counted, notCounted, counted.size() + notCounted.size(), null, null);
    }
}
