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

        /** Empty if the fact may join the stream (its facts so far, accepted items of this post included). */
        Optional<Refusal> check(StateEvent event, List<StateEvent> stream);

        Object recordCommand(String stream, List<PendingFact> facts);
    }

    /** Why a fact may not be recorded: the rule and a sentence a person can act on. */
    public record Refusal(String rule, String message) {
    }

    public List<BatchIngestion.Outcome> ingest(List<PostedEvent> items, String principal, PostedEvents posted,
                                               Streams rules) {
        Map<String, Loaded> streams = new HashMap<>();
        Map<String, List<PendingFact>> byStream = new TreeMap<>();
        List<String> touched = items.stream().flatMap(item -> posted.tryRead(item).stream()).map(rules::streamOf)
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
                try {
                    StateEvent event = posted.read(item);
                    String stream = rules.streamOf(event);
                    Loaded loaded = load(stream, streams);
                    Optional<Refusal> refusal = rules.check(event, loaded.events());
                    if (refusal.isPresent()) {
                        return Optional.of(new ItemError(index, item.clientId(), refusal.get().rule(),
                                refusal.get().message()));
                    }
                    loaded.events().add(event);
                    byStream.computeIfAbsent(stream, k -> new ArrayList<>()).add(new PendingFact(event, item.clientId(), fingerprint));
                    return Optional.empty();
                } catch (PostedEvents.Unreadable unreadable) {
                    return Optional.of(new ItemError(index, item.clientId(), unreadable.rule(), unreadable.getMessage()));
                }
            }

            @Override
            public void record() {
                byStream.forEach((stream, pending) -> commands.sendAndWait(rules.recordCommand(stream, pending),
                        MetaData.with(CloudEventCodec.PRINCIPAL, principal)));
            }
        }));
    }

    /** A stream as the event store holds it, loaded once per post; facts accepted in the post are added. */
    private Loaded load(String stream, Map<String, Loaded> streams) {
        return streams.computeIfAbsent(stream, k -> {
            RecordedStream recorded = RecordedStream.load(eventStore, k);
            return new Loaded(new ArrayList<>(recorded.events()));
        });
    }

    private record Loaded(List<StateEvent> events) {
    }
}
