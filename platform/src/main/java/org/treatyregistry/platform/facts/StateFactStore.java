package org.treatyregistry.platform.facts;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.regex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.platform.failures.BatchEnd;
import org.treatyregistry.platform.instances.ServiceLock;

/**
 * Every State's facts, each with its event id, recording time and principal: the read model from which a service
 * computes any date's answer as known at any time. A State's facts are kept in buckets of at most
 * {@link #BUCKET} facts, so no document grows with the State's record (MongoDB refuses a document over 16 MiB).
 * <ul>
 * <li>{@code <collection>_states}: per State, {@code next}, the next free place in its recording order.</li>
 * <li>{@code <collection>_ids}: per fact, {@code _id} {@code <iso3>/<event id>} and {@code seq} its place: the
 * claim that makes an append idempotent. A fact is claimed before it is put in its bucket, so a claim without its
 * fact (a crash in between) is completed by the next delivery.</li>
 * <li>{@code <collection>}: the buckets, {@code _id} {@code <iso3>#<n>}, holding the facts whose place is in
 * {@code [n * BUCKET, (n + 1) * BUCKET)}, each with its place. A fact too large to share a bucket gets one alone.</li>
 * </ul>
 * Every query is an equality or {@code $in} on {@code _id}, served from an index on MongoDB and mongo-java-server
 * alike. Places are taken, never given back: a fact claimed by another writer first, or a writer dying between
 * taking places and claiming them, leaves a hole, which reads skip.
 */
public class StateFactStore {

    /** Facts per bucket. */
    static final int BUCKET = 100;
    /** What a bucket may hold: below MongoDB's 16 MiB, with room for the document's own fields. */
    static final long BUCKET_BYTES = 12L * 1024 * 1024;
    /** A fact larger than its share of a bucket is put in a bucket of its own. */
    private static final long SHARE = BUCKET_BYTES / BUCKET;
    private static final String PENDING = StateFactStore.class.getName() + ".pending";
    private static final String SHAPE = "#shape";
    /** Buckets per read: mongo-java-server matches every document found against every value of an {@code $in}. */
    private static final int IN_CHUNK = 100;

    private final MongoCollection<Document> buckets;
    private final MongoCollection<Document> states;
    private final MongoCollection<Document> claims;
    private final ObjectMapper json;

    public StateFactStore(MongoDatabase database, String collection, ObjectMapper json) {
        this.buckets = database.getCollection(collection);
        this.states = database.getCollection(collection + "_states");
        this.claims = database.getCollection(collection + "_ids");
        this.json = json;
        migrate(new ServiceLock(database), collection);
    }

    /** One State's facts, in recording order. */
    public record StoredState(String iso3, List<Fact> facts) {
    }

    /**
     * Adds the fact to its State unless it holds its event id already: a redelivery changes nothing, and two
     * consumers appending to one State at once (a rebalance) lose neither fact nor hold one twice. In a processor's
     * batch the facts wait for the batch's end and each State's are added together ({@link BatchEnd}): one claim
     * of places per State, and for the whole batch one read of claims, one insert of claims and one write of buckets.
     */
    public void append(Fact fact) {
        Map<String, Map<String, Document>> batch = BatchEnd.defer(PENDING + "@" + buckets.getNamespace(),
                LinkedHashMap::new,
                pending -> {
                    Map<String, List<Document>> byState = new LinkedHashMap<>();
                    pending.forEach((iso3, facts) -> byState.put(iso3, List.copyOf(facts.values())));
                    add(byState);
                });
        if (batch == null) {
            add(Map.of(fact.event().iso3(), List.of(stored(fact))));
        } else {
            batch.computeIfAbsent(fact.event().iso3(), iso3 -> new LinkedHashMap<>()).put(fact.eventId(), stored(fact));
        }
    }

    /** An event of this service's own store, with its id, recording time and the principal who posted it. */
    public void append(EventMessage<?> message) {
        append(Facts.of(message));
    }

    /** Several facts at once, in this order, as at a batch's end. */
    void appendAll(List<Fact> facts) {
        Map<String, List<Document>> byState = new LinkedHashMap<>();
        facts.forEach(fact -> byState.computeIfAbsent(fact.event().iso3(), iso3 -> new ArrayList<>())
                .add(stored(fact)));
        add(byState);
    }

    private Document stored(Fact fact) {
        try {
            return new Document("eventId", fact.eventId())
                    .append("type", EventCatalog.typeOf(fact.event().getClass()))
                    .append("recordedAt", Date.from(fact.recordedAt()))
                    .append("principal", fact.principal())
                    .append("payload", json.writeValueAsString(fact.event()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + fact.event(), e);
        }
    }

    /**
     * Claims a place for each fact not claimed yet (in the given order, so a crash part-way leaves the claimed ones
     * ahead of the rest), then puts every fact in its bucket unless it is there: a fact claimed earlier by a writer
     * that died before putting it is put now. Every State of a batch at once: a replay's batch touches dozens of
     * States, and a round trip each per step would be most of its time.
     */
    private void add(Map<String, List<Document>> byState) {
        Map<String, Long> places = placesClaimed(byState);
        Set<String> claimedBefore = new HashSet<>(places.keySet());
        Map<String, List<Document>> unclaimed = new LinkedHashMap<>();
        byState.forEach((iso3, facts) -> {
            List<Document> notYet = facts.stream()
                    .filter(f -> !places.containsKey(claimId(iso3, f.getString("eventId")))).toList();
            if (!notYet.isEmpty()) {
                unclaimed.put(iso3, notYet);
            }
        });
        places.putAll(claim(unclaimed));
        Map<String, List<Document>> byBucket = new LinkedHashMap<>();
        Set<String> bucketsClaimedBefore = new HashSet<>();
        byState.forEach((iso3, facts) -> {
            for (Document fact : facts) {
                String claim = claimId(iso3, fact.getString("eventId"));
                long place = places.get(claim);
                String bucket = iso3 + "#" + place / BUCKET;
                byBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(new Document(fact).append("seq", place));
                if (claimedBefore.contains(claim)) {
                    bucketsClaimedBefore.add(bucket);
                }
            }
        });
        Set<String> present = bucketsClaimedBefore.isEmpty() ? Set.of() : inBuckets(bucketsClaimedBefore);
        Map<String, List<Document>> toPut = new LinkedHashMap<>();
        byBucket.forEach((bucket, inBucket) -> {
            String iso3 = bucket.substring(0, bucket.indexOf('#'));
            List<Document> absent = inBucket.stream()
                    .filter(f -> !present.contains(claimId(iso3, f.getString("eventId")))).toList();
            if (!absent.isEmpty()) {
                toPut.put(bucket, absent);
            }
        });
        put(toPut);
    }

    /** The places of the facts claimed already, by claim id. */
    private Map<String, Long> placesClaimed(Map<String, List<Document>> byState) {
        Map<String, Long> places = new HashMap<>();
        List<String> ids = new ArrayList<>();
        byState.forEach((iso3, facts) -> facts.forEach(f -> ids.add(claimId(iso3, f.getString("eventId")))));
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            claims.find(in("_id", ids.subList(from, Math.min(ids.size(), from + IN_CHUNK))))
                    .forEach(claim -> places.put(claim.getString("_id"), claim.getLong("seq")));
        }
        return places;
    }

    /** A claim is the State's: an event id is unique within a State's facts, as in the earlier shape. */
    private static String claimId(String iso3, String eventId) {
        return iso3 + "/" + eventId;
    }

    /** Takes places for the State's facts from its counter: their claims, in order, not inserted yet. */
    private List<Document> claimsOf(String iso3, List<Document> facts) {
        long[] size = new long[facts.size()];
        long needed = 0;
        for (int i = 0; i < facts.size(); i++) {
            // A large fact takes two buckets' worth of places, so that one bucket among them is wholly its own.
            size[i] = bytes(facts.get(i)) > SHARE ? 2L * BUCKET : 1;
            needed += size[i];
        }
        long place = takePlaces(iso3, needed);
        List<Document> toClaim = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            long at = size[i] == 1 ? place : (place + BUCKET - 1) / BUCKET * BUCKET;
            String eventId = facts.get(i).getString("eventId");
            toClaim.add(new Document("_id", claimId(iso3, eventId)).append("eventId", eventId).append("seq", at));
            place += size[i];
        }
        return toClaim;
    }

    /**
     * Takes places for each State's facts and inserts their claims in order; returns each one's place by claim id.
     * A claim that clashes was taken by another writer meanwhile: its place is that writer's, and the one taken here
     * stays a hole. That writer may have taken its places after these were taken, so the State's facts after it
     * take fresh places, above every place claimed so far: a State's facts stay in their order however writers
     * interleave.
     */
    private Map<String, Long> claim(Map<String, List<Document>> unclaimed) {
        Map<String, Long> places = new HashMap<>();
        Map<String, Document> facts = new HashMap<>();
        List<Document> pending = new ArrayList<>();
        unclaimed.forEach((iso3, stateFacts) -> {
            stateFacts.forEach(f -> facts.put(claimId(iso3, f.getString("eventId")), f));
            pending.addAll(claimsOf(iso3, stateFacts));
        });
        while (!pending.isEmpty()) {
            try {
                claims.insertMany(pending);
                pending.forEach(c -> places.put(c.getString("_id"), c.getLong("seq")));
                pending.clear();
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()) {
                    throw e;
                }
                BulkWriteError error = e.getWriteErrors().get(0);
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                pending.subList(0, error.getIndex()).forEach(c -> places.put(c.getString("_id"), c.getLong("seq")));
                String taken = pending.get(error.getIndex()).getString("_id");
                Document theirs = claims.find(eq("_id", taken)).first();
                if (theirs == null) {
                    throw new IllegalStateException("claim " + taken + " clashed but is not there", e);
                }
                long theirPlace = theirs.getLong("seq");
                places.put(taken, theirPlace);
                String iso3 = taken.substring(0, taken.indexOf('/'));
                List<Document> rest = new ArrayList<>(pending.subList(error.getIndex() + 1, pending.size()));
                List<Document> after = rest.stream().filter(c -> c.getString("_id").startsWith(iso3 + "/")).toList();
                // Places pending rise within a State: if the next is above theirs, so are all the rest.
                if (!after.isEmpty() && after.get(0).getLong("seq") < theirPlace) {
                    rest.removeAll(after);
                    rest.addAll(claimsOf(iso3, after.stream().map(c -> facts.get(c.getString("_id"))).toList()));
                }
                pending.clear();
                pending.addAll(rest);
            }
        }
        return places;
    }

    private long takePlaces(String iso3, long count) {
        FindOneAndUpdateOptions upsert = new FindOneAndUpdateOptions().upsert(true)
                .returnDocument(ReturnDocument.AFTER);
        try {
            return states.findOneAndUpdate(eq("_id", iso3), Updates.inc("next", count), upsert).getLong("next")
                    - count;
        } catch (MongoServerException e) {
            // Two first appends to a State at once: one upsert created the counter, the other may clash; once.
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return states.findOneAndUpdate(eq("_id", iso3), Updates.inc("next", count), upsert).getLong("next")
                    - count;
        }
    }

    private static long bytes(Document fact) {
        return fact.getString("payload").getBytes(StandardCharsets.UTF_8).length + 256L;
    }

    /** The claim ids of the facts these buckets hold already. */
    private Set<String> inBuckets(Set<String> bucketIds) {
        Set<String> present = new HashSet<>();
        List<String> ids = List.copyOf(bucketIds);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            buckets.find(in("_id", ids.subList(from, Math.min(ids.size(), from + IN_CHUNK))))
                    .projection(Projections.include("facts.eventId")).forEach(bucket -> {
                        String id = bucket.getString("_id");
                        String iso3 = id.substring(0, id.indexOf('#'));
                        bucket.getList("facts", Document.class).forEach(f -> present.add(claimId(iso3,
                                f.getString("eventId"))));
                    });
        }
        return present;
    }

    /**
     * Pushes each bucket's facts into it, all buckets in one write, if it holds none of them; a bucket that holds
     * some (another writer put them meanwhile) or that another writer created meanwhile clashes on {@code _id}
     * upserting, and its facts then go one by one, each pushed only if the bucket does not hold its event id.
     */
    private void put(Map<String, List<Document>> byBucket) {
        if (byBucket.isEmpty()) {
            return;
        }
        List<String> order = List.copyOf(byBucket.keySet());
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        for (String bucket : order) {
            List<Document> facts = byBucket.get(bucket);
            List<String> ids = facts.stream().map(fact -> fact.getString("eventId")).toList();
            writes.add(new UpdateOneModel<>(and(eq("_id", bucket), nin("facts.eventId", ids)),
                    Updates.pushEach("facts", facts), new UpdateOptions().upsert(true)));
        }
        try {
            buckets.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // Only clashes are handled here; a write concern not met (or anything else) fails the batch.
            if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()) {
                throw e;
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                String bucket = order.get(error.getIndex());
                byBucket.get(bucket).forEach(fact -> putOne(bucket, fact));
            }
        }
    }

    private void putOne(String bucket, Document fact) {
        try {
            buckets.updateOne(and(eq("_id", bucket), ne("facts.eventId", fact.getString("eventId"))),
                    Updates.push("facts", fact), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // The upsert found the bucket holding the fact (no match) and clashed inserting: it is there already.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Empties the read model: buckets, claims and counters. A clear that failed part-way is completed by the next. */
    public void clear() {
        buckets.deleteMany(new Document());
        claims.deleteMany(new Document());
        states.deleteMany(ne("_id", SHAPE));
    }

    /** Every State's facts, in recording order, States in ISO3 order. */
    public List<StoredState> all() {
        Map<String, List<Document>> byState = new TreeMap<>();
        for (Document bucket : buckets.find()) {
            String id = bucket.getString("_id");
            byState.computeIfAbsent(id.substring(0, id.indexOf('#')), iso3 -> new ArrayList<>())
                    .addAll(bucket.getList("facts", Document.class));
        }
        List<StoredState> all = new ArrayList<>();
        byState.forEach((iso3, facts) -> all.add(toStoredState(iso3, facts)));
        return all;
    }

    public Optional<StoredState> find(String iso3) {
        Document state = states.find(eq("_id", iso3)).first();
        if (state == null) {
            return Optional.empty();
        }
        long count = (state.getLong("next") + BUCKET - 1) / BUCKET;
        List<Document> facts = new ArrayList<>();
        List<String> ids = LongStream.range(0, count).mapToObj(n -> iso3 + "#" + n).toList();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            buckets.find(in("_id", ids.subList(from, Math.min(ids.size(), from + IN_CHUNK))))
                    .forEach(bucket -> facts.addAll(bucket.getList("facts", Document.class)));
        }
        return facts.isEmpty() ? Optional.empty() : Optional.of(toStoredState(iso3, facts));
    }

    private StoredState toStoredState(String iso3, List<Document> stored) {
        List<Fact> facts = new ArrayList<>();
        stored.sort(Comparator.comparingLong(f -> f.getLong("seq")));
        for (Document f : stored) {
            Class<? extends StateEvent> type = EventCatalog.classOf(f.getString("type")).orElseThrow();
            try {
                facts.add(new Fact(f.getString("eventId"), f.getDate("recordedAt").toInstant(),
                        f.getString("principal"), json.readValue(f.getString("payload"), type)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable fact " + f.getString("eventId"), e);
            }
        }
        return new StoredState(iso3, facts);
    }

    /**
     * Moves what an earlier version kept, one document per State ({@code _id} its ISO3 code, all its facts in
     * {@code facts}), into buckets, once: each State's facts appended in their order, then its old document
     * removed. Run again after a crash, the facts appended already are found by their claims and nothing is held
     * twice. Under the service's lock, so two instances starting together migrate once, and before this instance's
     * processors start, so no new fact is placed ahead of the State's old ones. Done, it is marked, so later starts
     * need not look.
     */
    private void migrate(ServiceLock lock, String collection) {
        if (states.find(eq("_id", SHAPE)).first() != null) {
            return;
        }
        lock.exclusively("state-facts-shape-" + collection, () -> {
            if (states.find(eq("_id", SHAPE)).first() != null) {
                return null;
            }
            for (Document old : buckets.find(Filters.not(regex("_id", "#")))) {
                List<Document> facts = new ArrayList<>();
                old.getList("facts", Document.class, List.of()).forEach(f -> facts.add(new Document(f)));
                if (!facts.isEmpty()) {
                    add(Map.of(old.getString("_id"), facts));
                }
                buckets.deleteOne(eq("_id", old.get("_id")));
            }
            states.replaceOne(eq("_id", SHAPE), new Document("_id", SHAPE).append("bucket", BUCKET),
                    new ReplaceOptions().upsert(true));
            return null;
        });
    }
}
