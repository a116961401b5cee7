package org.treatyregistry.indicators.computation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.treatyregistry.contract.obligations.ExtensionRequestAssessed;
import org.treatyregistry.contract.obligations.ExtensionRequested;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.StateHistory;

/** Action 23: what Article 5 extension requests include (Art. 5.4), as their assessments in the records say. */
final class ExtensionRequestAssessments implements IndicatorRule {

    @Override
    public Map<String, Counting> indicators() {
        return Stream.of("23.1", "23.2", "23.3").collect(Collectors.toMap(Function.identity(),
                id -> (indicator, year, world) -> Optional.of(extensionRequests(id, year, world))));
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
                Optional<World.OwnRecord<ExtensionRequestAssessed>> latest = world
                        .records(ExtensionRequestAssessed.class).stream()
                        .filter(r -> r.event().iso3().equals(request.iso3())
                                && r.event().requestId().equals(request.requestId())
                                && !r.event().assessedOn().isAfter(world.asOf()))
                        .reduce((earlier, later) -> later.event().effectiveDate().isBefore(
                                earlier.event().effectiveDate()) ? earlier : later);
                if (latest.isPresent()) {
                    assessed++;
                }
                Optional<World.OwnRecord<ExtensionRequestAssessed>> assessment = latest
                        .filter(r -> ReportedAnswers.answersYes(r.event().answers().get(id)));
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
}
