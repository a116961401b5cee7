package org.treatyregistry.platform.ingestion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.platform.kafka.CloudEventCodec;

/**
 * The ingestion contract for services whose posted items are the contract's events as such: each item is read
 * ({@link PostedEvents}), checked by the service against its stream as the event store holds it plus the items
 * accepted before it, and the accepted facts of each stream are recorded with one command; the whole post is one
 * unit of work and one commit ({@link OnePostOneWrite}).
 */
public class StreamIngestion {

    private final BatchIngestion ingestion;
    private final CommandGateway commands;
    private final EventStore eventStore;
    private final OnePostOneWrite unit;

    public StreamIngestion(BatchIngestion ingestion, CommandGateway commands, EventStore eventStore,
                           OnePostOneWrite unit) {
        this.ingestion = ingestion;
        this.commands = commands;
        this.eventStore = eventStore;
        this.unit = unit;
    }

    /** What the service decides: which stream a fact belongs to, whether it may join it, the command that records. */
    public interface Streams {

        String streamOf(StateEvent event);

        /**
         * Empty if the fact may join the stream (its facts so far, accepted items of this post included); else the
         * rule it breaks, with a sentence a person can act on.
         */
        Optional<RuleViolation> check(StateEvent event, List<StateEvent> stream);

        Object recordCommand(String stream, List<PendingFact> facts);
    }

    public List<BatchIngestion.Outcome> ingest(List<PostedEvent> items, String principal, PostedEvents posted,
                                               Streams rules) {
        Map<String, List<StateEvent>> streams = new HashMap<>();
        Map<String, List<PendingFact>> byStream = new TreeMap<>();
        // each item is read once: its stream is known before the post starts, its fact is checked later
        List<Reading> readings = items.stream().map(item -> Reading.of(posted, item)).toList();
        List<String> touched = readings.stream().filter(r -> r.event() != null).map(r -> rules.streamOf(r.event()))
                .toList();
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
            public Optional<ItemError> check(int index, PostedEvent item, String fingerprint) {
                Reading reading = readings.get(index);
                if (reading.unreadable() != null) {
                    return Optional.of(new ItemError(index, item.clientId(), reading.unreadable().rule(),
                            reading.unreadable().getMessage()));
                }
                StateEvent event = reading.event();
                String stream = rules.streamOf(event);
                List<StateEvent> loaded = load(stream, streams);
                Optional<RuleViolation> violation = rules.check(event, loaded);
                if (violation.isPresent()) {
                    return Optional.of(new ItemError(index, item.clientId(), violation.get().rule(),
                            violation.get().getMessage()));
                }
                loaded.add(event);
                byStream.computeIfAbsent(stream, k -> new ArrayList<>())
                        .add(new PendingFact(event, item.clientId(), fingerprint));
                return Optional.empty();
            }

            @Override
            public void record() {
                byStream.forEach((stream, pending) -> commands.sendAndWait(rules.recordCommand(stream, pending),
                        MetaData.with(CloudEventCodec.PRINCIPAL, principal)));
            }
        }));
    }

    /** A stream as the event store holds it, loaded once per post; facts accepted in the post are added. */
    private List<StateEvent> load(String stream, Map<String, List<StateEvent>> streams) {
        return streams.computeIfAbsent(stream, k -> new ArrayList<>(RecordedStream.load(eventStore, k).events()));
    }

    /** A posted item read as a fact, or why it cannot be. */
    private record Reading(StateEvent event, PostedEvents.Unreadable unreadable) {

        static Reading of(PostedEvents posted, PostedEvent item) {
            try {
                return new Reading(posted.read(item), null);
            } catch (PostedEvents.Unreadable unreadable) {
                return new Reading(null, unreadable);
            }
        }
    }
}
