package org.treatyregistry.platform.ingestion;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.platform.kafka.CloudEventCodec;

/**
 * The ingestion contract of every service: each item is read ({@link PostedEvents}: strictly, into the events it
 * records), each event checked by the service against its stream as the event store holds it plus the events
 * accepted before it in the post, and the accepted events of each stream are recorded with one command; the whole
 * post is one unit of work and one commit ({@link OnePostOneWrite}).
 */
public class StreamIngestion {

    private final BatchIngestion ingestion;
    private final CommandGateway commands;
    private final EventStore eventStore;
    private final OnePostOneWrite unit;
    private final Clock clock;

    public StreamIngestion(BatchIngestion ingestion, CommandGateway commands, EventStore eventStore,
                           OnePostOneWrite unit, Clock clock) {
        this.ingestion = ingestion;
        this.commands = commands;
        this.eventStore = eventStore;
        this.unit = unit;
        this.clock = clock;
    }

    /** What the service decides: which stream a fact belongs to, whether it may join it, the command that records. */
    public interface Streams {

        String streamOf(StateEvent event);

        /**
         * The event as it is recorded, completed from its stream where the posted form leaves something to the record
         * (by default the event as read); throws {@link RuleViolation} if the record cannot complete it.
         */
        default StateEvent completed(StateEvent event, RecordedStream stream) {
            return event;
        }

        /**
         * Empty if the fact may join the stream (its facts so far, accepted items of this post included); else the
         * rule it breaks, with a sentence a person can act on.
         */
        Optional<RuleViolation> check(StateEvent event, RecordedStream stream);

        Object recordCommand(String stream, List<PendingFact> facts);
    }

    public List<BatchIngestion.Outcome> ingest(List<PostedEvent> items, String principal, PostedEvents posted,
                                               Streams rules) {
        Map<String, List<Fact>> streams = new HashMap<>();
        Map<String, List<PendingFact>> byStream = new TreeMap<>();
        // each item is read once: its stream is known before the post starts, its events are checked later
        List<Reading> readings = items.stream().map(item -> Reading.of(posted, item)).toList();
        BatchIngestion.Known known = ingestion.known(items, PostedEvent::clientId);
        // only the streams of items not recorded yet are read ahead: the others are answered from the store
        List<String> touched = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (readings.get(i).events() != null && !known.contains(items.get(i).clientId())) {
                touched.add(rules.streamOf(readings.get(i).events().get(0)));
            }
        }
        return unit.run(touched, () -> ingestion.ingest(items, principal, new BatchIngestion.Batch<>() {
            @Override
            public String clientId(PostedEvent item) {
                return item.clientId();
            }

            @Override
            public String fingerprint(PostedEvent item) {
                return posted.fingerprint(item);
            }

            @Override
            public BatchIngestion.Match compareWithRecorded(int index, PostedEvent item) {
                List<StateEvent> events = readings.get(index).events();
                if (events == null) {
                    return BatchIngestion.Match.UNKNOWN;
                }
                List<Fact> recorded = RecordedStream.recordedUnder(eventStore,
                        rules.streamOf(events.get(0)), item.clientId());
                if (recorded.isEmpty()) {
                    return BatchIngestion.Match.UNKNOWN;
                }
                return posted.saysWhatWasRecorded(item, recorded.get(recorded.size() - 1).event())
                        ? BatchIngestion.Match.SAME : BatchIngestion.Match.CHANGED;
            }

            @Override
            public List<ItemError> check(int index, PostedEvent item, String fingerprint) {
                return StreamIngestion.this.check(index, item, fingerprint, readings.get(index), rules, streams,
                        byStream);
            }

            @Override
            public void record() {
                byStream.forEach((stream, pending) -> commands.sendAndWait(rules.recordCommand(stream, pending),
                        MetaData.with(CloudEventCodec.PRINCIPAL, principal)));
            }
        }, known));
    }

    /**
     * Checks the item's events in order, each against its stream with the ones before it (a correction's
     * retraction before the fact it corrects): the item is accepted whole or refused whole.
     */
    private List<ItemError> check(int index, PostedEvent item, String fingerprint, Reading reading, Streams rules,
                                  Map<String, List<Fact>> streams, Map<String, List<PendingFact>> byStream) {
        if (reading.refusal() != null) {
            return reading.refusal().toErrors(index, item.clientId());
        }
        // the streams as they were before this item, to take its events out again if one of them is refused
        Map<List<Fact>, Integer> before = new IdentityHashMap<>();
        List<PendingFact> pending = new ArrayList<>();
        for (StateEvent read : reading.events()) {
            List<Fact> facts = load(rules.streamOf(read), streams);
            before.putIfAbsent(facts, facts.size());
            RecordedStream sofar = new RecordedStream(facts);
            Optional<RuleViolation> violation;
            StateEvent event = read;
            try {
                event = rules.completed(read, sofar);
                violation = rules.check(event, sofar);
            } catch (RuleViolation thrown) {
                violation = Optional.of(thrown);
            }
            if (violation.isPresent()) {
                before.forEach((stream, size) -> stream.subList(size, stream.size()).clear());
                return Refusal.of(violation.get()).toErrors(index, item.clientId());
            }
            facts.add(new Fact("pending-" + UUID.randomUUID(), clock.instant(), event));
            pending.add(new PendingFact(event, item.clientId(), fingerprint, pending.size()));
        }
        pending.forEach(p -> byStream.computeIfAbsent(rules.streamOf(p.event()), k -> new ArrayList<>()).add(p));
        return List.of();
    }

    /** A stream as the event store holds it, loaded once per post; facts accepted in the post are added. */
    private List<Fact> load(String stream, Map<String, List<Fact>> streams) {
        return streams.computeIfAbsent(stream, k -> new ArrayList<>(RecordedStream.load(eventStore, k).facts()));
    }

    /** Why an item is refused before its stream is looked at: each problem, with its field. */
    private record Refusal(List<PostedEvents.Problem> problems) {

        static Refusal of(RuleViolation violation) {
            return new Refusal(List.of(new PostedEvents.Problem(violation.rule(), violation.field(),
                    violation.getMessage(), null)));
        }

        /** One error per problem, each naming its field. */
        List<ItemError> toErrors(int index, String clientId) {
            return problems.stream().map(p -> new ItemError(index, clientId, p.rule(), p.detail(), p.field(),
                    p.suggestion())).toList();
        }
    }

    /** A posted item read as the events it records, or why it cannot be. */
    private record Reading(List<StateEvent> events, Refusal refusal) {

        static Reading of(PostedEvents posted, PostedEvent item) {
            try {
                return new Reading(posted.read(item), null);
            } catch (PostedEvents.Unreadable unreadable) {
                return new Reading(null, new Refusal(unreadable.problems()));
            } catch (RuleViolation violation) {
                return new Reading(null, Refusal.of(violation));
            }
        }
    }
}
