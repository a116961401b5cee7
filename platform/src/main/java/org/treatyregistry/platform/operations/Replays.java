package org.treatyregistry.platform.operations;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;

/**
 * Replays of a processor (rebuilding its projection, or republishing the store), and how far they have come.
 * <p>
 * A reset needs every segment's claim. An instance that cannot take them all refuses (409, naming the instance
 * holding them) and changes nothing: its dead letters stay, since only a replay that happens hands their events
 * over again, and its processor runs again whatever happened. Progress is read from the shared token store and
 * the replay's start recorded in {@value #COLLECTION}, so every instance reports the same.
 */
public class Replays {

    static final String COLLECTION = "replays";

    /**
     * A processor's replay: the lowest position its replaying segments reached, the position at which it ends (the
     * head when it was asked for), positions handled per second since it started, and when it should end at that
     * rate. Not replaying: the last replay's start, if any, and no figures.
     */
    public record Progress(String processor, boolean replaying, Instant startedAt, String startedBy,
                           Long position, Long endPosition, Double eventsPerSecond, Instant expectedEnd) {
    }

    private final EventProcessingConfiguration processing;
    private final ProcessorTokens tokens;
    private final MongoCollection<Document> replays;
    private final Clock clock;
    private final List<NotReplayable> notReplayable;

    public Replays(EventProcessingConfiguration processing, ProcessorTokens tokens, MongoDatabase serviceDatabase,
                   Clock clock, List<NotReplayable> notReplayable) {
        this.notReplayable = List.copyOf(notReplayable);
        this.processing = processing;
        this.tokens = tokens;
        this.replays = serviceDatabase.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Resets the processor's tokens to the start of the store; its reset handlers clear its read model. */
    public Progress replay(String processor) {
        StreamingEventProcessor streaming = find(processor);
        for (NotReplayable refused : notReplayable) {
            if (refused.processor().equals(processor)) {
                throw new ProblemException(Problems.of(HttpStatus.CONFLICT, "replay-unsupported", "Cannot replay",
                        "Processor '" + processor + "' is never replayed: " + refused.why()));
            }
        }
        if (!streaming.supportsReset()) {
            throw new ProblemException(Problems.of(HttpStatus.CONFLICT, "replay-unsupported", "Cannot replay",
                    "Processor '" + processor + "' has no reset support."));
        }
        List<String> elsewhere = tokens.heldElsewhere(processor);
        if (!elsewhere.isEmpty()) {
            throw refused(processor, elsewhere);
        }
        Instant started = clock.instant();
        streaming.shutDown();
        try {
            streaming.resetTokens();
            // Only once the reset took: a refused one would have dropped the held events for good.
            processing.deadLetterQueue(processor).ifPresent(SequencedDeadLetterQueue::clear);
            replays.replaceOne(Filters.eq("_id", processor), new Document("_id", processor)
                    .append("startedAt", Date.from(started)).append("startedBy", ProcessorTokens.THIS_INSTANCE),
                    new ReplaceOptions().upsert(true));
        } catch (UnableToClaimTokenException e) {
            // Another instance claimed a segment between the check and the reset (it takes released ones over).
            throw refused(processor, tokens.heldElsewhere(processor));
        } finally {
            streaming.start();
        }
        return progress(processor);
    }

    public Progress progress(String processor) {
        List<ProcessorTokens.SegmentToken> segments = tokens.of(processor);
        Document last = replays.find(Filters.eq("_id", processor)).first();
        Instant startedAt = last == null ? null : last.getDate("startedAt").toInstant();
        String startedBy = last == null ? null : last.getString("startedBy");
        // Axon keeps a replay token until an event beyond the reset position comes: one that reached it is over.
        List<ProcessorTokens.SegmentToken> replaying = segments.stream()
                .filter(segment -> segment.replaying() && segment.position().orElse(-1)
                        < segment.resetPosition().orElse(Long.MAX_VALUE)).toList();
        if (replaying.isEmpty()) {
            return new Progress(processor, false, startedAt, startedBy, null, null, null, null);
        }
        long position = replaying.stream().map(ProcessorTokens.SegmentToken::position)
                .mapToLong(p -> p.orElse(-1)).min().orElse(-1);
        long end = replaying.stream().map(ProcessorTokens.SegmentToken::resetPosition)
                .mapToLong(p -> p.orElse(-1)).max().orElse(-1);
        Double rate = null;
        Instant expectedEnd = null;
        Instant now = clock.instant();
        if (startedAt != null && position >= 0 && now.isAfter(startedAt)) {
            rate = (position + 1) * 1000.0 / Duration.between(startedAt, now).toMillis();
            if (rate > 0) {
                expectedEnd = now.plusMillis((long) (Math.max(0, end - position) * 1000 / rate));
            }
        }
        return new Progress(processor, true, startedAt, startedBy, position, end, rate, expectedEnd);
    }

    /** Whether the processor exists here and can be replayed at all: its name as Axon knows it. */
    public Optional<StreamingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class);
    }

    private StreamingEventProcessor find(String name) {
        return processor(name).orElseThrow(() -> new ProblemException(Problems.of(HttpStatus.NOT_FOUND,
                "unknown-processor", "Unknown processor", "No event processor named '" + name + "'; known: "
                        + processing.eventProcessors().keySet() + ".")));
    }

    private static ProblemException refused(String processor, List<String> holders) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "replay-refused", "Replay refused: segments claimed",
                "Processor '" + processor + "' has segments claimed by " + (holders.isEmpty()
                        ? "another instance" : "instance " + String.join(", ", holders))
                        + ": only an instance holding or able to claim every segment can reset it. Nothing was"
                        + " changed (its dead letters are kept). Ask again: the gateway sends the next request to"
                        + " another instance.");
        problem.setProperty("processor", processor);
        problem.setProperty("claimedBy", holders);
        return new ProblemException(problem);
    }
}
