package org.treatyregistry.registry.ingestion;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.obligations.ExtensionDecided;
import org.treatyregistry.convention.Countries;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.obligations.Article5;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.ingestion.PendingFact;
import org.treatyregistry.platform.ingestion.PostedEventIngestion;
import org.treatyregistry.platform.ingestion.PostedEvents;
import org.treatyregistry.platform.ingestion.RecordedStream;
import org.treatyregistry.platform.ingestion.StreamIngestion;
import org.treatyregistry.registry.participation.RecordFacts;
import org.treatyregistry.registry.participation.StateParticipation;

/**
 * Records posted registry facts under the ingestion contract: each item is read strictly in its type's posted form
 * ({@link PostedFact}, {@link FactConversion#FIELDS}), converted into its events (a correction: the retraction,
 * then the fact), and each event checked against the State's record as the event store holds it and the items
 * before it; then each State's facts are recorded in one command. The integrations' endpoint and the
 * reference-data load both come through here.
 */
@Service
public class RegistryIngestion extends PostedEventIngestion {

    RegistryIngestion(StreamIngestion ingestion, Clock clock,
                      @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        super(ingestion, new PostedEvents(json, "a registry fact", FactConversion.FIELDS.entrySet().stream()
                .<PostedEvents.Form<?>>map(type -> PostedEvents.Form.of(type.getKey(), PostedFact.class,
                        type.getValue(), fact -> FactConversion.toEvents(fact, nameOf(fact.iso3()),
                                LocalDate.now(clock))))
                .toList()), clock);
    }

    private static String nameOf(String iso3) {
        return Optional.ofNullable(iso3).flatMap(Countries::nameOf).orElseThrow(() -> new RuleViolation(
                "unknown-state", "iso3", "'" + iso3 + "' is not an ISO 3166-1 alpha-3 code."));
    }

    @Override
    public String streamOf(StateEvent event) {
        return event.iso3();
    }

    /**
     * A decision with neither date nor meeting counts from the deadline it extends: Art. 5.3-5.5 have it taken
     * before that deadline expires, so that is the latest it can have applied. Without a deadline on record
     * the fact has no date at all, and is refused.
     */
    @Override
    public StateEvent completed(StateEvent event, RecordedStream stream) {
        if (!(event instanceof ExtensionDecided d) || d.inForceFrom() != null) {
            return event;
        }
        LocalDate extended = Article5.deadlineExtendedBy(StateHistory.of(d.iso3(), stream.facts()), d.newDeadline())
                .orElseThrow(() -> new RuleViolation("no-date", "The decision has neither a date nor a meeting, "
                        + "and no deadline is on record that it would extend: it has no date at all."));
        return new ExtensionDecided(d.iso3(), d.requestId(), d.meeting(), d.decidedOn(), d.granted(), d.newDeadline(),
                extended, d.sourceConflict(), d.sourceReference());
    }

    @Override
    public Optional<RuleViolation> check(StateEvent event, RecordedStream stream) {
        return StateParticipation.check(StateHistory.of(event.iso3(), stream.facts()), event,
                Countries.nameOf(event.iso3()).orElse(event.iso3()));
    }

    @Override
    public Object recordCommand(String stream, List<PendingFact> facts) {
        return new RecordFacts(stream, facts);
    }
}
