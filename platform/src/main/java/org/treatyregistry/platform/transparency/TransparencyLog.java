package org.treatyregistry.platform.transparency;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.bson.Document;
import org.bson.types.Binary;
import org.treatyregistry.platform.eventstore.EventLeaf;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.failures.TransientFailure;
import org.treatyregistry.transparency.Checkpoint;
import org.treatyregistry.transparency.Merkle;
import org.treatyregistry.transparency.NoteKeys;
import org.treatyregistry.transparency.SignedNote;
import org.treatyregistry.transparency.Tiles;

/**
 * The service's transparency log (decision 0026): an append-only Merkle tree (RFC 6962) over its event store, one
 * leaf per stored event in the order the store delivers them, kept in the service's MongoDB in the C2SP
 * {@code tlog-tiles} layout, with signed checkpoints.
 * <ul>
 * <li>{@value #ENTRIES}: per leaf, {@code _id} its index, the event's id, client key and position, and its leaf
 * (the event's canonical bytes, as text). Unique on index and on event id: an event is logged once, at one index,
 * whoever appends it.</li>
 * <li>{@value #TILES}: the tree's tiles, {@code _id} {@code <level>/<index>}, each the hashes as they stand (a
 * partial tile is served as a prefix).</li>
 * <li>{@value #HEAD}: the size of the tree hashed into tiles, and the latest checkpoint.</li>
 * <li>{@value #CHECKPOINTS}: every signed checkpoint, {@code _id} a sequence number, unique on tree size.</li>
 * </ul>
 * Entries are written before tiles, tiles before the head: whatever an append did before a crash, the next one
 * finds it and completes it. Entries never change, so two instances hashing them compute the same tiles and the
 * same root for a size: no two trees of one size are ever signed.
 */
public class TransparencyLog {

    public static final String ENTRIES = "tlog_entries";
    static final String TILES = "tlog_tiles";
    static final String HEAD = "tlog_head";
    static final String CHECKPOINTS = "tlog_checkpoints";
    private static final String TREE = "tree";
    private static final String LATEST = "checkpoint";
    /** Entries looked for past the head at once when completing an append a crash interrupted. */
    private static final int REPAIR_CHUNK = 256;
    /** Checkpoints looked for at once from the latest one's pointer on. */
    private static final int LATEST_LOOK = 4;
    /** The pauses of {@link #awaitIndexes} between its looks: doubling from the first to the longest. */
    private static final Duration AWAIT_FIRST_PAUSE = Duration.ofMillis(10);
    private static final Duration AWAIT_LONGEST_PAUSE = Duration.ofMillis(250);

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> tiles;
    private final MongoCollection<Document> head;
    private final MongoCollection<Document> checkpoints;
    private final String origin;
    private final NoteKeys.Signer signer;
    private final Clock clock;
    /** Held while a checkpoint is signed: one at a time on an instance, apart from the appends' lock. */
    private final Object signing = new Object();
    /**
     * The tree's right edge as this instance last hashed it, so that an append at the size the head still gives
     * reads no tiles (a head moved by another writer, or a log dropped, is not that size). Null until known, and
     * from the start of each hashing until its head moved.
     */
    private Tiles.Appender edge;

    public TransparencyLog(MongoDatabase database, String origin, NoteKeys.Signer signer, Clock clock) {
        this.entries = database.getCollection(ENTRIES);
        this.tiles = database.getCollection(TILES);
        this.head = database.getCollection(HEAD);
        this.checkpoints = database.getCollection(CHECKPOINTS);
        this.origin = origin;
        this.signer = signer;
        this.clock = clock;
        entries.createIndex(Indexes.ascending("eventId"), new IndexOptions().unique(true));
        entries.createIndex(Indexes.ascending(MongoEventStorageEngine.CLIENT_KEY),
                new IndexOptions().unique(true).sparse(true));
        checkpoints.createIndex(Indexes.ascending("size"), new IndexOptions().unique(true));
    }

    public String origin() {
        return origin;
    }

    public NoteKeys.Verifier verifier() {
        return signer.verifier();
    }

    /** A logged event: its index, id, position in the store, client key (if posted under a client id) and leaf. */
    public record Entry(long index, String eventId, long position, String clientKey, String leaf) {

        static Entry of(Document entry) {
            return new Entry(entry.get("_id", Number.class).longValue(), entry.getString("eventId"),
                    entry.get("position", Number.class).longValue(),
                    entry.getString(MongoEventStorageEngine.CLIENT_KEY), entry.getString("leaf"));
        }

        public byte[] bytes() {
            return EventLeaf.bytes(leaf);
        }
    }

    /** A stored event to log: its id, position, client key and leaf. */
    public record Leaf(String eventId, long position, String clientKey, String leaf) {
    }

    /** The size of the tree hashed so far. */
    public long size() {
        Document tree = head.find(eq("_id", TREE)).first();
        return tree == null ? 0 : tree.get("size", Number.class).longValue();
    }

    /**
     * Appends the leaves not logged yet, in this order, after the tree's current end; returns the tree's new size.
     * The common case costs one insert: the entries go in at the head's size at once. Only if one clashes (an entry
     * at that index or of that event is stored already: a batch delivered again, an append a crash interrupted, or
     * another writer) is the log looked at first. An append that still meets another writer's entries fails as a
     * {@link TransientFailure}, and is retried: by then the leaves the other one logged are found logged.
     */
    public synchronized long append(List<Leaf> leaves) {
        if (leaves.isEmpty()) {
            return size();
        }
        long size = size();
        List<Document> toInsert = entriesOf(leaves, size, Set.of());
        try {
            entries.insertMany(toInsert, new InsertManyOptions().ordered(true));
        } catch (MongoException clash) {
            edge = null;
            // Entries it inserted before the clash are past the head in order: completed below like a crash's.
            try {
                return appendAfterClash(leaves);
            } catch (RuntimeException e) {
                e.addSuppressed(clash);
                throw e;
            }
        }
        return hash(size, toInsert);
    }

    private long appendAfterClash(List<Leaf> leaves) {
        long size = completeInterrupted(size());
        Set<String> logged = new HashSet<>();
        List<String> ids = leaves.stream().map(Leaf::eventId).toList();
        for (Document entry : entries.find(in("eventId", ids))) {
            logged.add(entry.getString("eventId"));
        }
        List<Document> toInsert = entriesOf(leaves, size, logged);
        if (toInsert.isEmpty()) {
            return size;
        }
        try {
            entries.insertMany(toInsert, new InsertManyOptions().ordered(true));
        } catch (MongoException e) {
            throw new TransientFailure("another writer appended to the transparency log at " + size
                    + "; the batch is retried", e);
        }
        return hash(size, toInsert);
    }

    /** The entries of the leaves not in {@code logged}, at {@code size} on, each leaf once. */
    private static List<Document> entriesOf(List<Leaf> leaves, long size, Set<String> logged) {
        Set<String> taken = new HashSet<>(logged);
        List<Document> toInsert = new ArrayList<>();
        long index = size;
        for (Leaf leaf : leaves) {
            if (taken.add(leaf.eventId())) {
                Document entry = new Document("_id", index++).append("eventId", leaf.eventId())
                        .append("position", leaf.position()).append("leaf", leaf.leaf());
                if (leaf.clientKey() != null) {
                    entry.append(MongoEventStorageEngine.CLIENT_KEY, leaf.clientKey());
                }
                toInsert.add(entry);
            }
        }
        return toInsert;
    }

    /** Entries a crashed append left past the head: hashed into the tree now, in index order. */
    private long completeInterrupted(long size) {
        while (true) {
            List<Long> next = LongStream.range(size, size + REPAIR_CHUNK).boxed().toList();
            Map<Long, Document> found = new HashMap<>();
            entries.find(in("_id", next)).forEach(e -> found.put(e.get("_id", Number.class).longValue(), e));
            List<Document> run = new ArrayList<>();
            for (long index = size; found.containsKey(index); index++) {
                run.add(found.get(index));
            }
            if (run.isEmpty()) {
                return size;
            }
            size = hash(size, run);
        }
    }

    /** Hashes {@code appended} (at {@code size} on) into the tiles, then moves the head; returns the new size. */
    private long hash(long size, List<Document> appended) {
        Tiles.Appender appender = edge != null && edge.size() == size ? edge : new Tiles.Appender(size,
                this::storedTile);
        edge = null;
        for (Document entry : appended) {
            appender.append(Merkle.leafHash(EventLeaf.bytes(entry.getString("leaf"))));
        }
        writeTiles(appender.drainChanged());
        long newSize = appender.size();
        moveForward(TREE, "size", newSize);
        edge = appender;
        return newSize;
    }

    /**
     * Writes the tiles in one round trip, each unless a wider one is stored: a writer that lost its claim and hashes
     * late never narrows a tile that another writer extended (tiles of one width are the same bytes, entries never
     * changing).
     */
    private void writeTiles(Map<Tiles.Tile, byte[]> changed) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        changed.forEach((tile, hashes) -> writes.add(new UpdateOneModel<>(and(eq("_id", tileId(tile.level(),
                tile.index())), or(exists("width", false), lt("width", tile.width()))), Updates.combine(
                Updates.set("hashes", new Binary(hashes)), Updates.set("width", tile.width())),
                new UpdateOptions().upsert(true))));
        if (writes.isEmpty()) {
            return;
        }
        try {
            tiles.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // An upsert that found a tile at least as wide (no match) clashed inserting: that tile stays.
            if (e.getWriteConcernError() != null || e.getWriteErrors().stream().anyMatch(error -> ErrorCategory
                    .fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    /** Sets {@code field} of the head document {@code id} to {@code value} unless it is further already. */
    private void moveForward(String id, String field, long value) {
        try {
            head.updateOne(eq("_id", id), Updates.max(field, value), new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            // Two first upserts at once: the other created the document; move it now.
            head.updateOne(eq("_id", id), Updates.max(field, value));
        }
    }

    /**
     * A tile's hashes as the database holds them now (possibly wider than a given size needs), or null if none is
     * stored. Never kept in memory: what is served and proven is what the store holds, altered or not.
     */
    public byte[] storedTile(int level, long index) {
        Document tile = tiles.find(eq("_id", tileId(level, index))).first();
        return tile == null ? null : tile.get("hashes", Binary.class).getData();
    }

    private static String tileId(int level, long index) {
        return level + "/" + index;
    }

    /** The tree's complete subtrees, read from its tiles. */
    public Merkle.Subtrees subtrees() {
        return Tiles.subtrees(this::storedTile);
    }

    /** The entries of {@code from} (inclusive) to {@code to} (exclusive), in index order. */
    public List<Entry> entries(long from, long to) {
        List<Long> ids = LongStream.range(from, to).boxed().toList();
        Map<Long, Entry> found = new HashMap<>();
        entries.find(in("_id", ids)).forEach(e -> found.put(e.get("_id", Number.class).longValue(), Entry.of(e)));
        List<Entry> inOrder = new ArrayList<>();
        for (long index = from; index < to; index++) {
            Entry entry = found.get(index);
            if (entry == null) {
                throw new IllegalStateException("the transparency log has no entry " + index);
            }
            inOrder.add(entry);
        }
        return inOrder;
    }

    public Optional<Entry> entry(long index) {
        return Optional.ofNullable(entries.find(eq("_id", index)).first()).map(Entry::of);
    }

    public Optional<Entry> entryOfEvent(String eventId) {
        return Optional.ofNullable(entries.find(eq("eventId", eventId)).first()).map(Entry::of);
    }

    /** The entries of the events with these ids that are logged, by event id. */
    public Map<String, Long> indexesOf(List<String> eventIds) {
        Map<String, Long> indexes = new HashMap<>();
        if (!eventIds.isEmpty()) {
            entries.find(in("eventId", eventIds)).forEach(e -> indexes.put(e.getString("eventId"),
                    e.get("_id", Number.class).longValue()));
        }
        return indexes;
    }

    /**
     * The indexes of these events, waiting up to {@code atMost} for the log to hold them all (it follows the store
     * as other processors do, a moment apart); a {@link TransientFailure} if it does not. Each look asks only for
     * the events still missing, and the looks grow further apart: a reader waiting for a log far behind must not
     * load the database the log is catching up on (index lookups are costly on mongo-java-server).
     */
    public Map<String, Long> awaitIndexes(List<String> eventIds, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        Map<String, Long> found = new HashMap<>();
        List<String> missing = eventIds.stream().distinct().toList();
        long pause = AWAIT_FIRST_PAUSE.toMillis();
        while (true) {
            found.putAll(indexesOf(missing));
            missing = missing.stream().filter(id -> !found.containsKey(id)).toList();
            if (missing.isEmpty()) {
                return found;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TransientFailure(missing.size() + " of " + (found.size() + missing.size()) + " events are "
                        + "not in the transparency log (" + size() + " entries) after " + atMost + ", e.g. "
                        + missing.get(0) + "; they are tried again until they are", null);
            }
            try {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                Thread.sleep(Math.max(1, Math.min(pause, left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientFailure("interrupted waiting for the transparency log", e);
            }
            pause = Math.min(pause * 2, AWAIT_LONGEST_PAUSE.toMillis());
        }
    }

    /** The entries of a posted fact's events: its client key is {@code <client id>#<n>} for its n-th event. */
    public List<Entry> entriesOfClientId(String clientId, int atMost) {
        List<String> keys = LongStream.range(0, atMost).mapToObj(n -> clientId + "#" + n).toList();
        Map<String, Entry> found = new LinkedHashMap<>();
        entries.find(in(MongoEventStorageEngine.CLIENT_KEY, keys)).forEach(e -> found.put(
                e.getString(MongoEventStorageEngine.CLIENT_KEY), Entry.of(e)));
        return keys.stream().filter(found::containsKey).map(found::get).toList();
    }

    /** A signed checkpoint as kept: its sequence number, tree size, when it was signed, and the note. */
    public record SignedCheckpoint(long sequence, long size, Date signedAt, String note) {

        static SignedCheckpoint of(Document d) {
            return new SignedCheckpoint(d.get("_id", Number.class).longValue(), d.get("size", Number.class).longValue(),
                    d.getDate("signedAt"), d.getString("note"));
        }

        public Checkpoint checkpoint() {
            return Checkpoint.parse(SignedNote.parse(note).text());
        }
    }

    /**
     * Signs a checkpoint of the tree as hashed now, unless the latest one has its size already; returns the latest.
     * Each checkpoint gets the next sequence number; a size signed already (by another instance) is not signed
     * again, and both instances sign the same root for it anyway. Not under the appends' lock: the tiles below the
     * head's size are final (an append only widens them past it), so appends go on while a checkpoint is signed.
     */
    public Optional<SignedCheckpoint> checkpoint() {
        synchronized (signing) {
            return signCheckpoint();
        }
    }

    private Optional<SignedCheckpoint> signCheckpoint() {
        long size = size();
        Optional<SignedCheckpoint> latest = latest();
        if (latest.isPresent() && latest.get().size() >= size) {
            return latest;
        }
        // The root's complete subtrees lie in a few tiles, which ones depending on the size alone: read at once.
        Map<String, byte[]> read = new HashMap<>();
        tiles.find(in("_id", tilesOfRoot(size))).forEach(t -> read.put(t.getString("_id"), t.get("hashes",
                Binary.class).getData()));
        Merkle.Subtrees subtrees = Tiles.subtrees((level, index) -> read.get(tileId(level, index)));
        Checkpoint checkpoint = new Checkpoint(origin, size, Merkle.root(subtrees, size));
        String note = SignedNote.sign(checkpoint.text(), signer).encoded();
        long sequence = latest.map(l -> l.sequence() + 1).orElse(0L);
        Date now = Date.from(clock.instant());
        try {
            checkpoints.insertOne(new Document("_id", sequence).append("size", size).append("signedAt", now)
                    .append("note", note));
        } catch (MongoException e) {
            // Another instance signed this size, or took this sequence number: its checkpoint is the latest.
            return latest();
        }
        moveForward(LATEST, "sequence", sequence);
        return Optional.of(new SignedCheckpoint(sequence, size, now, note));
    }

    /** The ids of the tiles a root of {@code size} is hashed from: those asked of a reader whose tiles are full. */
    private static List<String> tilesOfRoot(long size) {
        Set<String> ids = new LinkedHashSet<>();
        byte[] full = new byte[Tiles.WIDTH * Merkle.HASH_BYTES];
        Merkle.root(Tiles.subtrees((level, index) -> {
            ids.add(tileId(level, index));
            return full;
        }), size);
        return List.copyOf(ids);
    }

    /** The latest signed checkpoint, if any. */
    public Optional<SignedCheckpoint> latest() {
        Document pointer = head.find(eq("_id", LATEST)).first();
        if (pointer == null) {
            return Optional.empty();
        }
        // Checkpoints inserted whose pointer did not move yet (a crash in between, or a signer not done) are later.
        Document latest = null;
        for (long sequence = pointer.get("sequence", Number.class).longValue(); ; sequence += LATEST_LOOK) {
            Map<Long, Document> found = new HashMap<>();
            checkpoints.find(in("_id", LongStream.range(sequence, sequence + LATEST_LOOK).boxed().toList()))
                    .forEach(c -> found.put(c.get("_id", Number.class).longValue(), c));
            long next = sequence;
            while (found.containsKey(next)) {
                latest = found.get(next++);
            }
            if (next < sequence + LATEST_LOOK) {
                return Optional.ofNullable(latest).map(SignedCheckpoint::of);
            }
        }
    }

    public Optional<SignedCheckpoint> checkpointAt(long sequence) {
        return Optional.ofNullable(checkpoints.find(eq("_id", sequence)).first()).map(SignedCheckpoint::of);
    }

    public Optional<SignedCheckpoint> checkpointOfSize(long size) {
        return Optional.ofNullable(checkpoints.find(eq("size", size)).first()).map(SignedCheckpoint::of);
    }

    /** Checkpoints {@code from} (a sequence number) on, at most {@code limit}, in order. */
    public List<SignedCheckpoint> checkpoints(long from, int limit) {
        List<Long> ids = LongStream.range(from, from + limit).boxed().toList();
        List<SignedCheckpoint> found = new ArrayList<>();
        checkpoints.find(in("_id", ids)).forEach(d -> found.add(SignedCheckpoint.of(d)));
        found.sort(java.util.Comparator.comparingLong(SignedCheckpoint::sequence));
        return found;
    }
}
