package org.treatyregistry.platform.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.serialization.Serializer;
import org.bson.BsonMaximumSizeExceededException;
import org.bson.Document;

/**
 * An Axon event storage engine on MongoDB that never skips an event when tracking the store.
 *
 * <p>The Mongo extension's own engine orders events by timestamp and tracks them with a look-back window, so an
 * event committed later than the window behind a newer one is skipped for good (extension-mongo #498,
 * AxonFramework #708). Here every append batch reserves a block of global positions from an atomically
 * incremented counter, and the whole batch is stored as one document ({@link EventCommit}) at those positions, so a
 * commit is stored whole or not at all on every MongoDB (decision 0021). Trackers read with a
 * {@link GapAwareTrackingToken}: a reserved position not yet visible stays a gap and is read again on every
 * poll until its commit lands. A gap is given up only after {@code gapTimeout} has passed since a later
 * position was stored, which bounds the cost of positions whose commit failed (a concurrency conflict, a crash
 * between reservation and insert); no write can land that late because it would have timed out first. Each State's
 * events still reach a tracker in position order, the order a replay reads ({@link StateOrder}).
 *
 * <p>Every query is an equality or {@code $in} on a unique key ({@code _id}, {@code positions},
 * {@code aggregateKeys}), which real MongoDB and mongo-java-server both answer from an index. Optimistic
 * concurrency per aggregate comes from the unique {@code aggregateKeys} (aggregate id and sequence number).
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

    /** The commits: each a document holding one append's events (see {@link EventCommit}). */
    public static final String COMMITS = "eventcommits";
    static final String SNAPSHOTS = "snapshotevents";
    static final String COUNTERS = "eventcounters";
    static final String POSITIONS = "eventpositions";
    /**
     * Metadata keys (and document fields) of a posted fact's idempotency key, {@code <client id>#<n>} for the
     * n-th event recorded for it, and of a fingerprint of what was posted under that client id.
     */
    public static final String CLIENT_KEY = "clientKey";
    /** The metadata of a tracked event naming the position it is stored at (not its token's furthest position). */
    public static final String STORED_POSITION = "storedPosition";
    public static final String FINGERPRINT = "fingerprint";
    private static final String COUNTER_ID = "globalPosition";
    /** Gaps are given up by the gap timeout alone, never because many events landed after them. */
    private static final int MAX_GAP_OFFSET = Integer.MAX_VALUE;
    private static final ThreadLocal<Post> CURRENT_POST = new ThreadLocal<>();
    /** Keys per {@code $in} query when prefetching, and the largest window of sequence numbers per stream. */
    private static final int PREFETCH_KEYS = 2_000;
    private static final int MAX_WINDOW = 512;
    /** Windows a tracker reads on, at most, when it can hand over nothing from the first. */
    private static final int READ_ON = 20;
    /** How many reservations between two prunings of the claims collection. */
    private static final int PRUNE_EVERY = 1_000;
    /** Claims this far behind the newest are pruned: the counter never proposes those positions again. */
    private static final long CLAIMS_KEPT = 100_000;

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> positions;
    private final Duration gapTimeout;
    private final Duration writeBound;
    private final Clock clock;
    private final String source;
    private final AtomicLong reservations = new AtomicLong();
    private final StateOrder order;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.commits = builder.database.getCollection(COMMITS);
        this.snapshots = builder.database.getCollection(SNAPSHOTS);
        this.counters = builder.database.getCollection(COUNTERS);
        this.positions = builder.database.getCollection(POSITIONS);
        this.gapTimeout = builder.gapTimeout;
        this.writeBound = builder.gapTimeout.dividedBy(2);
        this.clock = builder.clock;
        this.source = builder.source;
        this.order = new StateOrder(positions, clock, gapTimeout, this::givenUp);
        LegacyStoreMigration.migrateIfNeeded(builder.database, builder.source);
        // Unique across documents, so a commit clashing with another on any key is refused whole.
        commits.createIndex(Indexes.ascending(EventCommit.POSITIONS), new IndexOptions().unique(true));
        // sparse: positions given up hold no events
        commits.createIndex(Indexes.ascending(EventCommit.AGGREGATE_KEYS),
                new IndexOptions().unique(true).sparse(true));
        // No index on eventIdentifier: nothing reads by it, and every unique index is a lookup on every insert.
        // One posted fact under one client id, in any stream: the ingestion contract's idempotency key.
        commits.createIndex(Indexes.ascending(EventCommit.CLIENT_KEYS),
                new IndexOptions().unique(true).sparse(true));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Serialises the batch first, so that a payload that cannot be written reserves no positions. */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> batch, Serializer serializer) {
        if (batch.isEmpty()) {
            return;
        }
        List<Document> documents = new ArrayList<>(batch.size());
        for (EventMessage<?> event : batch) {
            documents.add(EventCommit.event(event, serializer));
        }
        Post post = CURRENT_POST.get();
        if (post != null) {
            post.commits.addAll(documents);
            post.firstEvent = post.firstEvent == null ? batch.get(0) : post.firstEvent;
            return;
        }
        write(documents, batch.get(0));
    }

    /**
     * Reserves the events' positions, then inserts them as one commit document, within {@code gapTimeout / 2} of
     * the reservation: a reservation older than that is refused, and the insert itself is bounded by what is left,
     * so no commit can land after a tracker has given its positions up (decision 0002).
     */
    private void write(List<Document> events, EventMessage<?> first) {
        Instant reservedAt = clock.instant();
        String reservation = UUID.randomUUID().toString();
        long position = reservePositions(StateOrder.subjects(events), reservedAt, reservation) - events.size() + 1;
        Document commit = EventCommit.of(position, events, Date.from(reservedAt), source);
        Duration timeLeft = writeBound.minus(Duration.between(reservedAt, clock.instant()));
        if (timeLeft.isNegative() || timeLeft.isZero()) {
            order.release(StateOrder.positions(position, events.size()), reservation);
            throw new EventStoreException("Positions reserved at " + reservedAt + " are older than the write bound "
                    + writeBound + "; the commit is refused so that it cannot land after trackers gave it up.");
        }
        try {
            insert(commit, timeLeft);
        } catch (MongoException e) {
            if (e instanceof MongoServerException && !(e instanceof MongoWriteConcernException)) {
                // The server refused it (a concurrency conflict, positions given up, its own failure): nothing
                // will land there. A lost connection or a timeout leaves that unknown, and the positions' States
                // wait for them to land or be given up.
                order.release(StateOrder.positions(position, events.size()), reservation);
            }
            handlePersistenceException(e, first);
        } catch (BsonMaximumSizeExceededException e) {
            order.release(StateOrder.positions(position, events.size()), reservation);
            throw new CommitTooLargeException(events.size(), e);
        }
    }

    /**
     * Runs one post as one write (decision 0011): every stream it names is read at once, up front, and served to
     * the post's reads (its checks, its aggregates) from memory; the commits of its commands, each in its own unit
     * of work, are collected and written together when {@code post} returns, with one position reservation and
     * one commit document. Nothing is visible before that write, and it lands whole or not at all;
     * a stream changed meanwhile by another writer makes the write clash on its sequence numbers
     * (a concurrency conflict, as for any commit).
     */
    public <R> R inOneWrite(Collection<String> streams, Supplier<R> post) {
        if (CURRENT_POST.get() != null) {
            throw new IllegalStateException("a post is already being written on this thread");
        }
        Post current = new Post();
        CURRENT_POST.set(current);
        try {
            prefetch(streams, current.streams);
            R result = post.get();
            CURRENT_POST.remove();
            if (!current.commits.isEmpty()) {
                write(current.commits, current.firstEvent);
            }
            return result;
        } finally {
            CURRENT_POST.remove();
        }
    }

    /** The streams read for the post on this thread, and the commits its commands made. */
    private static final class Post {
        final Map<String, List<GenericDomainEventEntry<?>>> streams = new HashMap<>();
        final List<Document> commits = new ArrayList<>();
        EventMessage<?> firstEvent;
    }

    /**
     * Reserves {@code count} consecutive positions and returns the last one. The counter proposes a block; the
     * block is ours once every position in it is claimed under the unique {@code _id} of the claims
     * collection. On MongoDB the counter's {@code $inc} is atomic and the claim always succeeds;
     * mongo-java-server's is not under concurrency (measured: ~2% of 4,000 concurrent increments returned a
     * value twice), and a clash there (or with a reader that claimed a position first, see {@link StateOrder})
     * leaves its claimed positions as gaps and proposes again. Each claim names its event's State.
     */
    private long reservePositions(List<String> subjects, Instant claimedAt, String reservation) {
        if (reservations.incrementAndGet() % PRUNE_EVERY == 0) {
            pruneClaims();
        }
        int count = subjects.size();
        while (true) {
            Document counter = counters.findOneAndUpdate(
                    eq("_id", COUNTER_ID),
                    Updates.inc("position", (long) count),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            long last = counter.get("position", Number.class).longValue();
            try {
                positions.insertMany(StateOrder.claims(last - count + 1, subjects, Date.from(claimedAt), reservation),
                        new InsertManyOptions().ordered(true));
                return last;
            } catch (MongoException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                order.release(StateOrder.positions(last - count + 1, count), reservation);
            }
        }
    }

    /**
     * Claims only matter while the counter can still propose their positions, i.e. for concurrent increments:
     * older ones are removed so the collection stays bounded (a range delete, rare, scanned on mongo-java-server).
     */
    private void pruneClaims() {
        positions.deleteMany(lt("_id", headPosition() - CLAIMS_KEPT));
    }

    /**
     * Inserts one commit, within {@code timeLeft}: one document, so it lands whole or not at all, and a clash on
     * any of its keys refuses all of it. Protected so the no-skip tests can delay a commit between reservation and
     * insert.
     */
    protected void insert(Document commit, Duration timeLeft) {
        commits.withTimeout(timeLeft.toMillis(), TimeUnit.MILLISECONDS).insertOne(commit);
    }

    /** The SHA-256 of what was posted under a client id, canonically written: kept with each of its events. */
    public static String fingerprint(String posted) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(posted.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Lets Axon turn a clash on {@code aggregateKey} into its optimistic-locking ConcurrencyException. */
    static boolean isDuplicateKey(Throwable exception) {
        if (exception instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (exception instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                    .anyMatch(e -> ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return false;
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = EventCommit.event(snapshot, serializer);
        document.put("_id", snapshot.getAggregateIdentifier());
        document.put("storedAt", Date.from(clock.instant()));
        snapshots.replaceOne(eq("_id", snapshot.getAggregateIdentifier()), document,
                new ReplaceOptions().upsert(true));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        if (prefetched().containsKey(aggregateIdentifier)) {
            return Stream.empty(); // the whole stream is at hand
        }
        Document document = snapshots.find(eq("_id", aggregateIdentifier)).first();
        return document == null ? Stream.empty() : Stream.of(EventCommit.entry(document));
    }

    /**
     * Reads whole streams with a few {@code $in} queries for all of them (first each stream's first event, then
     * growing windows for the streams that go on) instead of queries per stream.
     */
    private void prefetch(Collection<String> aggregateIds, Map<String, List<GenericDomainEventEntry<?>>> streams) {
        List<String> pending = aggregateIds.stream().distinct().filter(id -> !streams.containsKey(id)).toList();
        pending.forEach(id -> streams.put(id, new ArrayList<>()));
        long from = 0;
        int window = 1;
        while (!pending.isEmpty()) {
            Map<String, Integer> found = new HashMap<>();
            for (List<String> chunk : chunks(pending, Math.max(1, PREFETCH_KEYS / window))) {
                Set<String> keys = new HashSet<>();
                for (String id : chunk) {
                    for (long sequence = from; sequence < from + window; sequence++) {
                        keys.add(EventCommit.aggregateKey(id, sequence));
                    }
                }
                for (Document event : eventsOfStreams(keys)) {
                    GenericDomainEventEntry<String> entry = EventCommit.entry(event);
                    streams.get(entry.getAggregateIdentifier()).add(entry);
                    found.merge(entry.getAggregateIdentifier(), 1, Integer::sum);
                }
            }
            int asked = window;
            pending = pending.stream().filter(id -> found.getOrDefault(id, 0) == asked).toList();
            from += window;
            window = Math.min(window * 8, MAX_WINDOW);
        }
        streams.values().forEach(entries -> entries.sort(
                Comparator.comparingLong(GenericDomainEventEntry::getSequenceNumber)));
    }

    private static Map<String, List<GenericDomainEventEntry<?>>> prefetched() {
        Post post = CURRENT_POST.get();
        return post == null ? Map.of() : post.streams;
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }

    /**
     * One batch of an aggregate's events: from the streams read for the post on this thread if there, else read in
     * growing windows of sequence numbers (most streams are short: their first query asks for 8 keys, not 100).
     */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        List<GenericDomainEventEntry<?>> prefetchedStream = prefetched().get(aggregateIdentifier);
        if (prefetchedStream != null) {
            return prefetchedStream.stream().filter(e -> e.getSequenceNumber() >= firstSequenceNumber)
                    .limit(batchSize).toList();
        }
        List<GenericDomainEventEntry<?>> entries = new ArrayList<>();
        long next = firstSequenceNumber;
        int window = Math.min(batchSize, 8);
        while (entries.size() < batchSize) {
            int ask = Math.min(window, batchSize - entries.size());
            Set<String> keys = LongStream.range(next, next + ask)
                    .mapToObj(sequence -> EventCommit.aggregateKey(aggregateIdentifier, sequence))
                    .collect(Collectors.toSet());
            List<GenericDomainEventEntry<?>> found = new ArrayList<>();
            for (Document event : eventsOfStreams(keys)) {
                found.add(EventCommit.entry(event));
            }
            found.sort(Comparator.comparingLong(GenericDomainEventEntry::getSequenceNumber));
            entries.addAll(found);
            if (found.size() < ask) {
                break;
            }
            next += ask;
            window *= 4;
        }
        return entries;
    }

    /** The stored events with these aggregate keys: one {@code $in} on the commits' unique keys. */
    private List<Document> eventsOfStreams(Set<String> aggregateKeys) {
        return EventCommit.events(EventCommit.withAny(commits, EventCommit.AGGREGATE_KEYS, aggregateKeys),
                event -> aggregateKeys.contains(event.getString("aggregateKey")));
    }

    /** Sequence numbers have no holes, so a batch shorter than asked is the end of the stream: one query less. */
    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = lastToken == null
                ? GapAwareTrackingToken.newInstance(0, List.of())
                : abandonExpiredGaps((GapAwareTrackingToken) lastToken);
        long head = headPosition();
        Window window = new Window(token);
        long readTo = window.read(token.getGaps(), token.getIndex(), Math.min(batchSize, head - token.getIndex()));
        List<Document> deliverable = order.deliverable(window.events, window.missing);
        // Read on while nothing can be handed over and the store goes on: a run of reserved positions longer than
        // a batch that has not landed (yet), kept as gaps since a large commit may still be on its way (gapTimeout
        // decides), or a window of one State's events held back behind a position of that State.
        for (int round = 0; deliverable.isEmpty() && readTo < head && round < READ_ON; round++) {
            if (window.events.isEmpty()) {
                Document next = commits.find(and(gt("_id", readTo), exists(EventCommit.AGGREGATE_KEYS)))
                        .sort(Sorts.ascending("_id")).first();
                if (next == null) {
                    break;
                }
                long first = next.get("_id", Number.class).longValue();
                LongStream.range(readTo + 1, first).forEach(window.missing::add);
                window.take(List.of(next));
                readTo = next.get(EventCommit.LAST, Number.class).longValue();
            } else {
                readTo = window.read(Set.of(), readTo, Math.min(batchSize, head - readTo));
            }
            deliverable = order.deliverable(window.events, window.missing);
        }
        List<TrackedEventData<?>> result = new ArrayList<>(deliverable.size());
        for (Document event : deliverable) {
            token = token.advanceTo(EventCommit.position(event), MAX_GAP_OFFSET);
            result.add(new TrackedDomainEventData<>(token, EventCommit.trackedEntry(event)));
        }
        return result;
    }

    /**
     * What a tracker read: the events at its token's gaps and after its index, in position order, and the positions
     * asked for where nothing is stored yet (no commit, no give-up).
     */
    private final class Window {

        private final GapAwareTrackingToken token;
        private final List<Document> events = new ArrayList<>();
        private final SortedSet<Long> missing = new TreeSet<>();

        private Window(GapAwareTrackingToken token) {
            this.token = token;
        }

        /**
         * Reads {@code gaps} and the next {@code count} positions after {@code after} (never beyond the head: a
         * tracker that is up to date asks for its gaps only); a commit the window ends in is read to its end, since
         * its positions are one block and it is at hand. Every position asked for is an index lookup, and idle
         * trackers poll ten times a second. Answers the last position read.
         */
        private long read(Set<Long> gaps, long after, long count) {
            List<Long> asked = new ArrayList<>(gaps);
            LongStream.rangeClosed(after + 1, after + count).forEach(asked::add);
            if (asked.isEmpty()) {
                return after;
            }
            missing.addAll(asked);
            long readTo = after + Math.max(count, 0);
            List<Document> found = EventCommit.withAny(commits, EventCommit.POSITIONS, asked);
            for (Document commit : found) {
                readTo = Math.max(readTo, commit.get(EventCommit.LAST, Number.class).longValue());
            }
            take(found);
            return readTo;
        }

        private void take(List<Document> found) {
            for (Document commit : found) {
                commit.getList(EventCommit.POSITIONS, Number.class).forEach(p -> missing.remove(p.longValue()));
            }
            events.addAll(EventCommit.events(found, event -> EventCommit.position(event) > token.getIndex()
                    || token.getGaps().contains(EventCommit.position(event))));
            events.sort(Comparator.comparingLong(EventCommit::position));
        }
    }

    /**
     * Gives up the gaps before any position stored longer than {@code gapTimeout} ago. A position is reserved
     * before the insert of every later position, so a commit that has not landed by then should never land; and
     * so that it cannot, whatever delayed it (a frozen client or database, a partition, a server that ignores the
     * operation's time limit), each gap is claimed in the store before it is given up: a commit arriving later
     * clashes on the claimed position and is refused whole. A gap whose commit landed meanwhile stays a gap, and
     * is read with the window.
     */
    private GapAwareTrackingToken abandonExpiredGaps(GapAwareTrackingToken token) {
        SortedSet<Long> gaps = token.getGaps();
        if (gaps.isEmpty()) {
            return token;
        }
        List<Long> afterGapRuns = new ArrayList<>();
        for (Long gap : gaps) {
            if (!gaps.contains(gap + 1)) {
                afterGapRuns.add(gap + 1);
            }
        }
        Date expired = Date.from(clock.instant().minus(gapTimeout));
        long truncateAt = Long.MIN_VALUE;
        for (Document commit : commits.find(in(EventCommit.POSITIONS, afterGapRuns))
                .projection(Projections.include(EventCommit.LAST, EventCommit.STORED_AT))) {
            if (commit.getDate(EventCommit.STORED_AT).before(expired)) {
                long first = commit.get("_id", Number.class).longValue();
                long last = commit.get(EventCommit.LAST, Number.class).longValue();
                for (Long position : afterGapRuns) {
                    if (position >= first && position <= last) {
                        truncateAt = Math.max(truncateAt, position);
                    }
                }
            }
        }
        if (truncateAt == Long.MIN_VALUE) {
            return token;
        }
        for (Long gap : givenUp(gaps.headSet(truncateAt))) {
            token = token.advanceTo(gap, MAX_GAP_OFFSET);
        }
        return token;
    }

    /**
     * Claims {@code gaps} for good, a run of consecutive positions in one document (position by position where a
     * commit landed inside a run meanwhile), and answers those that are given up now, by this tracker or another.
     */
    private Set<Long> givenUp(SortedSet<Long> expired) {
        SortedSet<Long> gaps = new TreeSet<>(expired);
        Date now = Date.from(clock.instant());
        for (long[] run : runs(gaps)) {
            if (!claim(EventCommit.givenUp(run[0], run[1], now)) && run[1] > run[0]) {
                for (long position = run[0]; position <= run[1]; position++) {
                    claim(EventCommit.givenUp(position, position, now));
                }
            }
        }
        Set<Long> givenUp = new HashSet<>();
        Set<Object> seen = new HashSet<>();
        for (Document claim : commits.find(in(EventCommit.POSITIONS, gaps))
                .projection(Projections.include(EventCommit.LAST, EventCommit.GIVEN_UP))) {
            if (seen.add(claim.get("_id")) && claim.getBoolean(EventCommit.GIVEN_UP, false)) {
                long first = claim.get("_id", Number.class).longValue();
                long last = claim.get(EventCommit.LAST, Number.class).longValue();
                gaps.subSet(first, last + 1).forEach(givenUp::add);
            }
        }
        return givenUp;
    }

    /** Inserts a claim on positions; false if one of them is held already (a commit, or another tracker's claim). */
    private boolean claim(Document givenUp) {
        try {
            commits.insertOne(givenUp);
            return true;
        } catch (MongoWriteException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            return false;
        }
    }

    private static List<long[]> runs(SortedSet<Long> positions) {
        List<long[]> runs = new ArrayList<>();
        for (Long position : positions) {
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] == position - 1) {
                last[1] = position;
            } else {
                runs.add(new long[] {position, position});
            }
        }
        return runs;
    }

    /**
     * The position an event is stored at, as its tracking reader names it ({@link #STORED_POSITION}): for an event
     * filling a gap, its token's position is the furthest one read, not the event's. An event read before readers
     * named it (a dead letter queued earlier) has only its token's.
     */
    public static long storedPosition(EventMessage<?> event, TrackingToken token) {
        Object stored = event.getMetaData().get(STORED_POSITION);
        return stored instanceof Number number ? number.longValue() : token.position().orElseThrow();
    }

    /** The last position reserved: it and every position below it are written, being written, or gaps. */
    public long headPosition() {
        Document counter = counters.find(eq("_id", COUNTER_ID)).first();
        return counter == null ? 0 : counter.get("position", Number.class).longValue();
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return GapAwareTrackingToken.newInstance(headPosition(), new TreeSet<>());
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        // Rarely used (a processor started "from a time"); a range query, served by a scan on mongo-java-server.
        Document first = commits.find(gte(EventCommit.STORED_AT, Date.from(dateTime))).sort(Sorts.ascending("_id"))
                .first();
        return first == null ? createHeadToken()
                : GapAwareTrackingToken.newInstance(first.get("_id", Number.class).longValue() - 1, new TreeSet<>());
    }

    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private Duration gapTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private String source;

        /** The service's CloudEvents source, named in every event's transparency-log leaf ({@link EventLeaf}). */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        public MongoEventStorageEngine build() {
            return new MongoEventStorageEngine(validated());
        }

        /** The builder, checked and with the duplicate-key resolver set; for subclasses' constructors. */
        public Builder validated() {
            persistenceExceptionResolver(MongoEventStorageEngine::isDuplicateKey);
            validate();
            if (database == null) {
                throw new IllegalStateException("a MongoDatabase is required");
            }
            return this;
        }
    }
}
