package org.treatyregistry.platform.failures;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segments whose last batch failed and is being retried: as Axon's {@link ErrorHandler} it records the failure
 * and propagates it (the batch rolls back, its token stays, the segment is claimed again after a back-off). Kept
 * per segment in the service's MongoDB ({@value #COLLECTION}), so every instance reports the same whichever holds
 * the segment, and cleared only by a batch of that segment that committed, not by its sibling's. This instance's
 * own failures are also kept in memory, for when MongoDB itself is what fails.
 */
public final class ProcessorFailures implements ErrorHandler {

    static final String COLLECTION = "processor_failures";
    private static final Logger log = LoggerFactory.getLogger(ProcessorFailures.class);
    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();
    private static final Duration KNOWN_FOR = Duration.ofSeconds(5);
    /** The segment whose batch this processor thread handles; Axon's error context does not name it. */
    private static final ThreadLocal<Integer> SEGMENT = new ThreadLocal<>();

    /** A segment failing since {@code since}: the latest error, how many batches failed, on which instance. */
    public record Failing(String processor, int segment, Instant since, String lastError, long batches,
                          String instance) {
    }

    private final MongoCollection<Document> stored;
    private final Map<String, Failing> local = new ConcurrentHashMap<>();
    private volatile Set<String> known = Set.of();
    private volatile Instant knownAt = Instant.MIN;

    public ProcessorFailures(MongoDatabase serviceDatabase) {
        this.stored = serviceDatabase.getCollection(COLLECTION);
    }

    /** The segment of the batch this thread is handling (from Axon's unit of work, by {@link BatchEnd}). */
    static void handling(Integer segment) {
        SEGMENT.set(segment);
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        Integer segment = SEGMENT.get();
        String processor = context.eventProcessor();
        Failing failing = local.merge(id(processor, segment), new Failing(processor, segment == null ? -1 : segment,
                        Instant.now(), Failures.describe(context.error()), 1, INSTANCE),
                (before, now) -> new Failing(processor, before.segment(), before.since(), now.lastError(),
                        before.batches() + 1, INSTANCE));
        try {
            Document previous = stored.find(Filters.eq("_id", id(processor, segment))).first();
            Instant since = previous == null ? failing.since()
                    : previous.getDate("since").toInstant().isBefore(failing.since())
                    ? previous.getDate("since").toInstant() : failing.since();
            stored.replaceOne(Filters.eq("_id", id(processor, segment)), new Document("_id", id(processor, segment))
                            .append("processor", processor).append("segment", failing.segment())
                            .append("since", Date.from(since)).append("lastError", failing.lastError())
                            .append("batches", previous == null ? 1L : previous.get("batches", Number.class)
                                    .longValue() + 1).append("instance", INSTANCE),
                    new ReplaceOptions().upsert(true));
            known = with(known, id(processor, segment));
        } catch (RuntimeException unrecorded) {
            // The failure itself still propagates below; only its shared record is missing (often MongoDB is away).
            log.warn("Could not record the failure of {} segment {} for other instances: {}", processor, segment,
                    Failures.describe(unrecorded));
        }
        PropagatingErrorHandler.instance().handleError(context);
    }

    /** A batch of the segment committed: the segment is no longer failing. */
    void succeeded(String processor, Integer segment) {
        String id = id(processor, segment);
        local.remove(id);
        local.remove(id(processor, null));
        try {
            // Which segments are recorded failing, read again now and then: a batch asks MongoDB nothing more.
            if (Instant.now().isAfter(knownAt.plus(KNOWN_FOR))) {
                Set<String> ids = new HashSet<>();
                stored.find().projection(new Document("_id", 1)).forEach(d -> ids.add(d.getString("_id")));
                known = Set.copyOf(ids);
                knownAt = Instant.now();
            }
            for (String clear : List.of(id, id(processor, null))) {
                if (known.contains(clear)) {
                    stored.deleteOne(Filters.eq("_id", clear));
                    known = without(known, clear);
                }
            }
        } catch (RuntimeException unrecorded) {
            // The batch committed; only the shared record lags, and the segment's next batch clears it.
            log.warn("Could not clear the failure of {} segment {}: {}", processor, segment,
                    Failures.describe(unrecorded));
        }
    }

    /** Every failing segment of the service, as all instances recorded them, with this instance's own. */
    public List<Failing> failing() {
        Map<String, Failing> all = new LinkedHashMap<>(local);
        try {
            for (Document d : stored.find()) {
                all.put(d.getString("_id"), new Failing(d.getString("processor"),
                        d.get("segment", Number.class).intValue(), d.getDate("since").toInstant(),
                        d.getString("lastError"), d.get("batches", Number.class).longValue(), d.getString("instance")));
            }
        } catch (RuntimeException unreadable) {
            log.debug("Failures of other instances unreadable: {}", Failures.describe(unreadable));
        }
        List<Failing> list = new ArrayList<>(all.values());
        list.sort(Comparator.comparing(Failing::processor).thenComparingInt(Failing::segment));
        return list;
    }

    /** The failing segments of one processor. */
    public List<Failing> failing(String processor) {
        return failing().stream().filter(f -> f.processor().equals(processor)).toList();
    }

    private static String id(String processor, Integer segment) {
        return processor + "#" + (segment == null ? -1 : segment);
    }

    private static Set<String> with(Set<String> ids, String id) {
        Set<String> copy = new HashSet<>(ids);
        copy.add(id);
        return Set.copyOf(copy);
    }

    private static Set<String> without(Set<String> ids, String id) {
        Set<String> copy = new HashSet<>(ids);
        copy.remove(id);
        return Set.copyOf(copy);
    }
}
