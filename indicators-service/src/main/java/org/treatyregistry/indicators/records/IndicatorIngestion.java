package org.treatyregistry.indicators.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.finance.AssessedContributionPaid;
import org.treatyregistry.contract.finance.VoluntaryContributionMade;
import org.treatyregistry.contract.meetings.DelegationAttended;
import org.treatyregistry.contract.meetings.SurvivorOrganisationAttended;
import org.treatyregistry.contract.obligations.ExtensionRequestAssessed;
import org.treatyregistry.contract.obligations.ExtensionRequested;
import org.treatyregistry.contract.universalization.MoratoriumDeclared;
import org.treatyregistry.contract.universalization.UnResolutionVoted;
import org.treatyregistry.convention.Countries;
import org.treatyregistry.convention.FactChecks;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.indicators.participation.RegistryFacts;
import org.treatyregistry.platform.ingestion.PendingFact;
import org.treatyregistry.platform.ingestion.PostedEventIngestion;
import org.treatyregistry.platform.ingestion.PostedEvents;
import org.treatyregistry.platform.ingestion.RecordedStream;
import org.treatyregistry.platform.ingestion.StreamIngestion;

/**
 * Records posted indicator records under the ingestion contract, each checked against the State's stream and,
 * where it matters, against its participation as the registry's events have it.
 */
@Service
public class IndicatorIngestion extends PostedEventIngestion {

    private final RegistryFacts participants;

    IndicatorIngestion(StreamIngestion ingestion, RegistryFacts participants, Clock clock,
                       @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        super(ingestion, new PostedEvents(json, "an indicator record", DelegationAttended.class,
                SurvivorOrganisationAttended.class, UnResolutionVoted.class, MoratoriumDeclared.class,
                AssessedContributionPaid.class, VoluntaryContributionMade.class, ExtensionRequestAssessed.class),
                clock);
        this.participants = participants;
    }

    @Override
    public String streamOf(StateEvent event) {
        return event.iso3();
    }

    @Override
    public Object recordCommand(String stream, List<PendingFact> facts) {
        return new RecordIndicatorFacts(stream, facts);
    }

    @Override
    public Optional<RuleViolation> check(StateEvent event, RecordedStream stream) {
        return FactChecks.stateAndDate(event, LocalDate.now(clock))
                .or(() -> RecordRules.check(stream.events(), event))
                .or(() -> checkWithRegistry(event));
    }

    private Optional<RuleViolation> checkWithRegistry(StateEvent event) {
        String name = Countries.nameOf(event.iso3()).orElse(event.iso3());
        StateHistory history = participants.history(event.iso3(), clock.instant());
        if (event instanceof MoratoriumDeclared m && history.isBoundOn(m.declaredOn())) {
            return Optional.of(new RuleViolation("state-party", name + " is a State Party on " + m.declaredOn()
                    + ": the Convention itself binds it; moratoria are counted for States not party (12.1)."));
        }
        if (event instanceof ExtensionRequestAssessed a && history.facts().stream().noneMatch(f ->
                f.event() instanceof ExtensionRequested r
                        && r.requestId() != null && r.requestId().equals(a.requestId()))) {
            return Optional.of(new RuleViolation("unknown-request", "The registry holds no extension request '"
                    + a.requestId() + "' of " + name + "; post the request to the registry first."));
        }
        return Optional.empty();
    }
}
