package org.treatyregistry.registry.ingestion;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.obligations.ExtensionDecided;
import org.treatyregistry.convention.Countries;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.convention.obligations.Article5;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.ingestion.BatchIngestion;
import org.treatyregistry.platform.ingestion.ItemError;
import org.treatyregistry.platform.ingestion.OnePostOneWrite;
import org.treatyregistry.platform.ingestion.PendingFact;
import org.treatyregistry.platform.ingestion.RecordedStream;
import org.treatyregistry.platform.kafka.CloudEventCodec;
import org.treatyregistry.registry.participation.RecordFacts;
import org.treatyregistry.registry.participation.StateParticipation;

/**
 * Records posted facts: every item is converted and checked first (against each State's record as the event
 * store holds it, and against the items before it in the batch); only if none is refused are the facts recorded,
 * one command per State, all in one unit of work and one commit ({@link OnePostOneWrite}). A concurrent change
 * to one of the States fails the commit (409); on mongo-java-server, which has no transactions, the States
 * inserted before the clash stay recorded, and posting the same batch again completes it, because each State's
 * stream remembers the client ids it recorded. Items whose client id was recorded before are answered from the
 * event store. The integrations' endpoint and the reference-data loader both come through here.
 */
@Service
public class FactIngestion {

    private final BatchIngestion ingestion;
    private final CommandGateway commands;
    private final EventStore eventStore;
    private final Clock clock;
    private final OnePostOneWrite unit;

    FactIngestion(BatchIngestion ingestion, CommandGateway commands, EventStore eventStore, Clock clock,
                  OnePostOneWrite unit) {
        this.ingestion = ingestion;
        this.commands = commands;
        this.eventStore = eventStore;
        this.clock = clock;
        this.unit = unit;
    }

    public List<BatchIngestion.Outcome> ingest(List<PostedFact> facts, String principal) {
        return ingest(facts, principal, recorded(facts));
    }

    /** Which of {@code facts} the store holds, by client id, in one read: for posts that come one after another. */
    public BatchIngestion.Known recorded(List<PostedFact> facts) {
        return ingestion.known(facts, fact -> fact.clientId().toString());
    }

    /**
     * As {@link #ingest(List, String)}, with what the store held of the facts' client ids read before: a fact not in
     * {@code recorded} is checked and recorded; a fact in it is answered from it, without reading the store.
     */
    public List<BatchIngestion.Outcome> ingest(List<PostedFact> facts, String principal,
                                               BatchIngestion.Known recorded) {
        LocalDate today = LocalDate.now(clock);
        Map<String, StateHistory> histories = new HashMap<>();
        Map<String, List<PendingFact>> byState = new TreeMap<>();
        BatchIngestion.Batch<PostedFact> batch = new BatchIngestion.Batch<>() {
            @Override
            public String clientId(PostedFact fact) {
                return fact.clientId().toString();
            }

            @Override
            public Optional<ItemError> check(int index, PostedFact fact, String fingerprint) {
                return FactIngestion.this.check(index, fact, fingerprint, today, histories, byState);
            }

            @Override
            public void record() {
                byState.forEach((iso3, pending) -> commands.sendAndWait(new RecordFacts(iso3, pending),
                        MetaData.with(CloudEventCodec.PRINCIPAL, principal)));
            }
        };
        // Only the States of facts not recorded yet are read ahead: those recorded are answered from the store.
        List<String> states = facts.stream().filter(f -> !recorded.contains(batch.clientId(f)))
                .map(PostedFact::iso3).filter(Countries::isKnown).distinct().toList();
        return unit.run(states, () -> ingestion.ingest(facts, principal, batch, recorded));
    }

    private Optional<ItemError> check(int index, PostedFact fact, String fingerprint, LocalDate today,
                                      Map<String, StateHistory> histories, Map<String, List<PendingFact>> byState) {
        String clientId = fact.clientId().toString();
        try {
            String name = Countries.nameOf(fact.iso3()).orElseThrow(() -> new RuleViolation("unknown-state",
                    "'" + fact.iso3() + "' is not an ISO 3166-1 alpha-3 code."));
            StateHistory history = historyOf(fact.iso3(), histories);
            int ordinal = 0;
            for (StateEvent converted : FactConversion.toEvents(fact, name, today)) {
                StateEvent event = datedFromTheRecord(converted, history);
                Optional<RuleViolation> violation = StateParticipation.check(history, event, name);
                if (violation.isPresent()) {
                    throw violation.get();
                }
                history = history.with(new Fact("pending-" + UUID.randomUUID(), Instant.now(clock), event));
                byState.computeIfAbsent(fact.iso3(), k -> new ArrayList<>())
                        .add(new PendingFact(event, clientId, fingerprint, ordinal++));
            }
            histories.put(fact.iso3(), history);
            return Optional.empty();
        } catch (RuleViolation violation) {
            return Optional.of(new ItemError(index, clientId, violation.rule(), violation.getMessage()));
        }
    }

    /**
     * A decision with neither date nor meeting counts from the deadline it extends: Art. 5.3-5.5 have it taken
     * before that deadline expires, so that is the latest it can have applied. Without a deadline on record
     * the fact has no date at all, and is refused.
     */
    private static StateEvent datedFromTheRecord(StateEvent event, StateHistory history) {
        if (!(event instanceof ExtensionDecided d) || d.inForceFrom() != null) {
            return event;
        }
        LocalDate extended = Article5.deadlineExtendedBy(history, d.newDeadline())
                .orElseThrow(() -> new RuleViolation("no-date", "The decision has neither a date nor a meeting, "
                        + "and no deadline is on record that it would extend: it has no date at all."));
        return new ExtensionDecided(d.iso3(), d.requestId(), d.meeting(), d.decidedOn(), d.granted(), d.newDeadline(),
                extended, d.sourceConflict(), d.sourceReference());
    }

    /** The State's record as the event store holds it now (not the eventually consistent view), loaded once. */
    private StateHistory historyOf(String iso3, Map<String, StateHistory> histories) {
        return histories.computeIfAbsent(iso3, k -> StateHistory.of(k, !Countries.isKnown(k) ? List.of()
                : RecordedStream.load(eventStore, k).facts()));
    }
}
