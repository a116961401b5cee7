package org.treatyregistry.indicators.computation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.finance.AssessedContributionPaid;
import org.treatyregistry.contract.finance.VoluntaryContributionMade;
import org.treatyregistry.contract.meetings.DelegationAttended;
import org.treatyregistry.contract.meetings.SurvivorOrganisationAttended;
import org.treatyregistry.contract.obligations.ExtensionRequestAssessed;
import org.treatyregistry.contract.obligations.ExtensionRequested;
import org.treatyregistry.contract.universalization.MoratoriumDeclared;
import org.treatyregistry.contract.universalization.UnResolutionVoted;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.indicators.computation.IndicatorComputations.Count;

/**
 * The indicators computed from the indicators' own records (meetings, votes, moratoria, contributions and the
 * assessments of extension requests), for the calendar year. Pure.
 */
final class RecordComputations {

    /** Action 10: assessed contributions paid "no later than three months before" the meeting. */
    static final int MONTHS_BEFORE_MEETING = 3;

    private RecordComputations() {
    }

    /**
     * The count, or empty (the indicator awaits its records) while nothing of the kind it counts is recorded for
     * the year: no records is not zero.
     */
    static Optional<Count> count(String id, int year, World world) {
        return switch (id) {
            case "5.3" -> ifAny(world, SurvivorOrganisationAttended.class, year, () -> survivorOrganisations(year, world));
            case "5.4" -> ifAny(world, DelegationAttended.class, year, () -> women(year, world));
            case "10.1" -> assessedOnTime(year, world);
            case "10.2" -> ifAny(world, VoluntaryContributionMade.class, year, () -> voluntaryContributions(year, world));
            case "11.3" -> ifAny(world, DelegationAttended.class, year, () -> statesNotPartyAttending(year, world));
            case "12.1" -> world.records(MoratoriumDeclared.class).isEmpty() ? Optional.empty()
                    : Optional.of(moratoria(year, world).covering(new IndicatorValue.Coverage("MoratoriumDeclared "
                    + "records: " + world.records(MoratoriumDeclared.class).size(), null, null)));
            case "12.2" -> ifAny(world, UnResolutionVoted.class, year, () -> votesInFavour(year, world));
            case "23.1", "23.2", "23.3" -> Optional.of(extensionRequests(id, year, world));
            default -> Optional.empty();
        };
    }

    /** The count once records of its kind are on record for the year, stating how many it rests on. */
    private static Optional<Count> ifAny(World world, Class<? extends StateEvent> type, int year,
                                         java.util.function.Supplier<Count> count) {
        int records = inYear(world, type, year).size();
        return records == 0 ? Optional.empty() : Optional.of(count.get().covering(new IndicatorValue.Coverage(
                type.getSimpleName() + " records for " + year + ": " + records, null, null)));
    }

    private static List<Fact> inYear(World world, Class<? extends StateEvent> type, int year) {
        return world.records(type).stream().filter(f -> f.event().effectiveDate().getYear() == year).toList();
    }

    /** 5.3: organisations of mine victims and survivors that took part in Convention meetings in the year. */
    private static Count survivorOrganisations(int year, World world) {
        Map<String, IndicatorValue.Counted> organisations = new LinkedHashMap<>();
        for (Fact fact : inYear(world, SurvivorOrganisationAttended.class, year)) {
            SurvivorOrganisationAttended attended = (SurvivorOrganisationAttended) fact.event();
            organisations.merge(attended.organisation(), new IndicatorValue.Counted(attended.iso3(),
                    List.of(fact.eventId())), (a, b) -> new IndicatorValue.Counted(a.iso3(), concat(a, b)));
        }
        return new Count(List.copyOf(organisations.values()), List.of(), null, null,
                "distinct organisations: " + String.join(", ", organisations.keySet()));
    }

    /** 5.4: women among the delegates of the year's meetings: a share of people, not of States. */
    private static Count women(int year, World world) {
        List<IndicatorValue.Counted> delegations = new ArrayList<>();
        int women = 0;
        int delegates = 0;
        for (Fact fact : inYear(world, DelegationAttended.class, year)) {
            DelegationAttended d = (DelegationAttended) fact.event();
            women += d.women();
            delegates += d.delegates();
            delegations.add(new IndicatorValue.Counted(d.iso3(), List.of(fact.eventId())));
        }
        return new Count(delegations, List.of(), delegates, women, women + " women of " + delegates
                + " delegates in " + delegations.size() + " delegations; numerator and denominator count people");
    }

    /**
     * 10.1: States Parties on the day the year's Meeting of the States Parties (or Review Conference) opened that
     * had paid their assessed contribution three months before. The meeting is the latest of the year that
     * contributions name; with none recorded, the indicator awaits them.
     */
    private static Optional<Count> assessedOnTime(int year, World world) {
        List<Fact> payments = world.records(AssessedContributionPaid.class).stream()
                .filter(f -> ((AssessedContributionPaid) f.event()).meetingStartedOn().getYear() == year).toList();
        Optional<AssessedContributionPaid> meeting = payments.stream().map(f -> (AssessedContributionPaid) f.event())
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
            Optional<Fact> paid = payments.stream().filter(f -> f.event().iso3().equals(history.iso3()))
                    .filter(f -> ((AssessedContributionPaid) f.event()).meeting().equals(meeting.get().meeting()))
                    .filter(f -> !((AssessedContributionPaid) f.event()).paidOn().isAfter(payBy)).findFirst();
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
        List<Fact> contributions = inYear(world, VoluntaryContributionMade.class, year);
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        List<String> notCounted = new ArrayList<>();
        for (StateHistory history : world.histories()) {
            if (!history.isBoundOn(end)) {
                continue;
            }
            List<String> made = contributions.stream().filter(f -> f.event().iso3().equals(history.iso3()))
                    .map(Fact::eventId).toList();
            if (made.isEmpty()) {
                notCounted.add(history.iso3());
            } else {
                counted.add(new IndicatorValue.Counted(history.iso3(), made));
            }
        }
        return new Count(counted, notCounted, counted.size() + notCounted.size(), null, null);
    }

    /** 11.3: States not party, on the day of the meeting, whose delegations attended meetings in the year. */
    private static Count statesNotPartyAttending(int year, World world) {
        Map<String, List<String>> states = new LinkedHashMap<>();
        for (Fact fact : inYear(world, DelegationAttended.class, year)) {
            DelegationAttended d = (DelegationAttended) fact.event();
            if (!world.historyOf(d.iso3()).isBoundOn(d.meetingStartedOn())) {
                states.computeIfAbsent(d.iso3(), k -> new ArrayList<>()).add(fact.eventId());
            }
        }
        return new Count(states.entrySet().stream().map(e -> new IndicatorValue.Counted(e.getKey(), e.getValue()))
                .toList(), List.of(), null, null, null);
    }

    /** 12.1: States not party on 31 December with a moratorium in place by then. */
    private static Count moratoria(int year, World world) {
        LocalDate end = LocalDate.of(year, 12, 31);
        Map<String, List<String>> states = new LinkedHashMap<>();
        for (Fact fact : world.records(MoratoriumDeclared.class)) {
            if (!fact.event().effectiveDate().isAfter(end) && !world.historyOf(fact.event().iso3()).isBoundOn(end)) {
                states.computeIfAbsent(fact.event().iso3(), k -> new ArrayList<>()).add(fact.eventId());
            }
        }
        return new Count(states.entrySet().stream().map(e -> new IndicatorValue.Counted(e.getKey(), e.getValue()))
                .toList(), List.of(), null, null, "moratoria in place on " + end);
    }

    /** 12.2: votes in favour of the year's UN General Assembly resolution on implementing the Convention. */
    private static Count votesInFavour(int year, World world) {
        List<IndicatorValue.Counted> counted = inYear(world, UnResolutionVoted.class, year).stream()
                .filter(f -> ((UnResolutionVoted) f.event()).vote() == UnResolutionVoted.Vote.YES)
                .map(f -> new IndicatorValue.Counted(f.event().iso3(), List.of(f.eventId()))).toList();
        return new Count(counted, List.of(), null, null, null);
    }

    /**
     * 23.1-23.3: of the extension requests submitted in the year (the registry's), those whose assessment says
     * they include what the indicator asks; a request not assessed is not counted.
     */
    private static Count extensionRequests(String id, int year, World world) {
        List<IndicatorValue.Counted> counted = new ArrayList<>();
        List<String> notCounted = new ArrayList<>();
        int assessed = 0;
        for (StateHistory history : world.histories()) {
            for (Fact fact : history.facts()) {
                if (!(fact.event() instanceof ExtensionRequested request) || request.submitted().year() != year) {
                    continue;
                }
                // the latest assessment by asOf decides: a later one corrects an earlier one
                Optional<Fact> latest = world.records(ExtensionRequestAssessed.class).stream()
                        .filter(f -> f.event() instanceof ExtensionRequestAssessed a
                                && a.iso3().equals(request.iso3()) && a.requestId().equals(request.requestId())
                                && !a.assessedOn().isAfter(world.asOf()))
                        .reduce((earlier, later) -> later.event().effectiveDate().isBefore(
                                earlier.event().effectiveDate()) ? earlier : later);
                if (latest.isPresent()) {
                    assessed++;
                }
                Optional<Fact> assessment = latest.filter(f -> IndicatorComputations.answersYes(((ExtensionRequestAssessed) f.event())
                                .answers().get(id)));
                if (assessment.isPresent()) {
                    counted.add(new IndicatorValue.Counted(request.iso3(), List.of(fact.eventId(),
                            assessment.get().eventId())));
                } else {
                    notCounted.add(request.iso3() + " " + request.requestId());
                }
            }
        }
        return new Count(counted, notCounted, counted.size() + notCounted.size(), null,
                "over extension requests, not States", new IndicatorValue.Coverage("assessments of the extension "
                + "requests submitted in " + year, assessed, counted.size() + notCounted.size()));
    }

    private static List<String> concat(IndicatorValue.Counted a, IndicatorValue.Counted b) {
        List<String> ids = new ArrayList<>(a.eventIds());
        ids.addAll(b.eventIds());
        return ids;
    }
}
