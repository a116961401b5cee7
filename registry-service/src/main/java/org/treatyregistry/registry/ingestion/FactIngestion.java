package org.treatyregistry.registry.ingestion;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.obligations.ExtensionDecided;
import org.treatyregistry.convention.obligations.Article5;
import org.treatyregistry.convention.participation.Fact;
import org.treatyregistry.convention.participation.RuleViolation;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.eventstore.EventStoreAutoConfiguration;
import org.treatyregistry.platform.kafka.CloudEventCodec;
import org.treatyregistry.registry.participation.Countries;
import org.treatyregistry.registry.participation.RecordFacts;
import org.treatyregistry.registry.participation.StateParticipation;

/**
 * Records posted facts: every item is converted and checked first (against each State's record as the event
 * store holds it, and against the items before it in the batch); only if none is refused are the facts recorded,
 * one command, so one commit, per State. A failure between two States' commits (a concurrent change) leaves the
 * earlier States recorded; posting the same batch again completes it, because each State's stream remembers the
 * client ids it recorded. Items whose client id was recorded before are answered from the
 * ingestion log. The integrations' endpoint and the reference-data loader both come through here.
 */
@Service
public class FactIngestion {

    public static final int MAX_BATCH = 5_000;

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final IngestionLog log;
    private final Clock clock;

    FactIngestion(CommandGateway commands, EventStore eventStore, IngestionLog log, Clock clock) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.log = log;
        this.clock = clock;
    }

    /** What became of each item: recorded now, or recorded before under the same client id. */
    public record Outcome(String clientId, String status, Instant recordedAt) {
    }

    /** Nothing was recorded: these items were refused. */
    public static class Refused extends RuntimeException {
        private final transient List<ItemError> errors;
        private final int status;

        Refused(int status, List<ItemError> errors) {
            super(errors.size() + " item(s) refused: " + errors.get(0).detail());
            this.status = status;
            this.errors = errors;
        }

        public List<ItemError> errors() {
            return errors;
        }

        public int status() {
            return status;
        }
    }

    public List<Outcome> ingest(List<PostedFact> facts, String principal) {
        LocalDate today = LocalDate.now(clock);
        Map<String, IngestionLog.Entry> known = log.find(facts.stream().map(f -> f.clientId().toString()).toList());
        List<ItemError> conflicts = new ArrayList<>();
        List<ItemError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, StateHistory> histories = new HashMap<>();
        Map<String, Set<String>> recordedClientIds = new HashMap<>();
        Map<String, List<RecordFacts.Pending>> byState = new LinkedHashMap<>();
        Outcome[] outcomes = new Outcome[facts.size()];
        for (int i = 0; i < facts.size(); i++) {
            PostedFact fact = facts.get(i);
            String clientId = fact.clientId().toString();
            IngestionLog.Entry earlier = known.get(clientId);
            if (!seen.add(clientId)) {
                errors.add(new ItemError(i, clientId, "duplicate-client-id", "clientId " + clientId
                        + " appears twice in this batch."));
            } else if (earlier != null) {
                if (!earlier.fingerprint().equals(fingerprint(fact))) {
                    conflicts.add(new ItemError(i, clientId, "client-id-reused", "clientId " + clientId
                            + " was already used, on " + earlier.recordedAt() + ", for different content; use a "
                            + "new clientId for a new fact."));
                }
                outcomes[i] = new Outcome(clientId, "ALREADY_RECORDED", earlier.recordedAt());
            } else if (recordedIn(fact.iso3(), histories, recordedClientIds).contains(clientId)) {
                // recorded by an earlier attempt that failed before its log entry: finish that attempt's work
                outcomes[i] = new Outcome(clientId, "ALREADY_RECORDED", clock.instant());
                log.record(clientId, fingerprint(fact), principal, outcomes[i].recordedAt());
            } else {
                check(i, fact, today, histories, byState).ifPresent(errors::add);
            }
        }
        if (!conflicts.isEmpty()) {
            throw new Refused(409, conflicts);
        }
        if (!errors.isEmpty()) {
            throw new Refused(422, errors);
        }
        byState.forEach((iso3, pending) -> commands.sendAndWait(new RecordFacts(iso3, pending),
                MetaData.with(CloudEventCodec.PRINCIPAL, principal)));
        Instant recordedAt = clock.instant();
        for (int i = 0; i < facts.size(); i++) {
            if (outcomes[i] == null) {
                String clientId = facts.get(i).clientId().toString();
                log.record(clientId, fingerprint(facts.get(i)), principal, recordedAt);
                outcomes[i] = new Outcome(clientId, "RECORDED", recordedAt);
            }
        }
        return List.of(outcomes);
    }

    private Optional<ItemError> check(int index, PostedFact fact, LocalDate today, Map<String, StateHistory> histories,
                                      Map<String, List<RecordFacts.Pending>> byState) {
        String clientId = fact.clientId().toString();
        try {
            String name = Countries.nameOf(fact.iso3()).orElseThrow(() -> new RuleViolation("unknown-state",
                    "'" + fact.iso3() + "' is not an ISO 3166-1 alpha-3 code."));
            StateHistory history = histories.get(fact.iso3());
            for (StateEvent converted : FactConversion.toEvents(fact, name, today)) {
                StateEvent event = datedFromTheRecord(converted, history);
                Optional<RuleViolation> violation = StateParticipation.check(history, event, name);
                if (violation.isPresent()) {
                    throw violation.get();
                }
                history = history.with(new Fact("pending-" + UUID.randomUUID(), Instant.now(clock), event));
                byState.computeIfAbsent(fact.iso3(), k -> new ArrayList<>())
                        .add(new RecordFacts.Pending(event, clientId));
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

    /**
     * Loads the State's record as the event store holds it now (not the eventually consistent view) into
     * {@code histories}, and returns the client ids its facts were posted under.
     */
    private Set<String> recordedIn(String iso3, Map<String, StateHistory> histories,
                                   Map<String, Set<String>> recordedClientIds) {
        if (!recordedClientIds.containsKey(iso3)) {
            List<Fact> facts = new ArrayList<>();
            Set<String> clientIds = new HashSet<>();
            if (Countries.isKnown(iso3)) {
                eventStore.readEvents(iso3).asStream().forEach((DomainEventMessage<?> e) -> {
                    facts.add(new Fact(e.getIdentifier(), e.getTimestamp(), (StateEvent) e.getPayload()));
                    Object clientId = e.getMetaData().get(EventStoreAutoConfiguration.CLIENT_ID);
                    if (clientId != null) {
                        clientIds.add(clientId.toString());
                    }
                });
            }
            histories.put(iso3, StateHistory.of(iso3, facts));
            recordedClientIds.put(iso3, clientIds);
        }
        return recordedClientIds.get(iso3);
    }

    private static String fingerprint(PostedFact fact) {
        return fact.toString().replace(fact.clientId().toString(), "");
    }
}
