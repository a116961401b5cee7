package org.treatyregistry.platform.transparency;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.bson.Document;
import org.treatyregistry.platform.operations.OperatorHealthSource;
import org.treatyregistry.transparency.Checkpoint;
import org.treatyregistry.transparency.Merkle;
import org.treatyregistry.transparency.Tiles;

/**
 * The service watching its own record (decision 0026): a pass recomputes every logged event's leaf from the event
 * as stored now and compares it with the log (the leaf kept, and its hash in the tree), and checks that the tree
 * still hashes to the checkpoints signed, the latest and the one this instance saw at its previous pass. An event
 * edited or deleted behind the API, or a log rebuilt from an altered store, is a finding: named (log index, event,
 * what differs), counted ({@code treaty.log.mismatches}) and shown as stuck in the operator's view, which turns
 * health DOWN. Findings are kept in the service's MongoDB ({@value #COLLECTION}), so every instance reports the
 * same, and one instance runs each due pass. The checkpoint seen at the previous pass is kept in memory, out of
 * reach of whoever rewrites the database: a rebuild re-signed while no instance runs is beyond what a service can
 * see of itself, and an outside monitor holding an earlier checkpoint catches it ({@code ./verify monitor}).
 */
public class LogAudit implements OperatorHealthSource {

    static final String COLLECTION = "tlog_audit";
    private static final String LAST = "last";
    private static final int CHUNK = 256;
    private static final int SHOWN = 20;

    /** What a pass found wrong. */
    public record Finding(Long index, String eventId, String problem, Instant foundAt) {
    }

    private final TransparencyLog log;
    private final RecordedLeaves leaves;
    private final Clock clock;
    private final Counter mismatches;
    private final MongoCollection<Document> audits;
    private volatile Checkpoint held;

    public LogAudit(TransparencyLog log, RecordedLeaves leaves, MongoDatabase serviceDatabase, Clock clock,
                    MeterRegistry meters) {
        this.log = log;
        this.leaves = leaves;
        this.audits = serviceDatabase.getCollection(COLLECTION);
        this.clock = clock;
        this.mismatches = Counter.builder("treaty.log.mismatches")
                .description("stored events or checkpoints that no longer match the transparency log")
                .register(meters);
    }

    /** One pass over the log up to its latest checkpoint; returns what it found (also kept for health). */
    public synchronized List<Finding> pass() {
        List<Finding> found = new ArrayList<>();
        Optional<TransparencyLog.SignedCheckpoint> latest = log.latest();
        long size = latest.map(TransparencyLog.SignedCheckpoint::size).orElse(0L);
        for (long from = 0; from < size; from += CHUNK) {
            auditChunk(from, Math.min(size, from + CHUNK), found);
        }
        for (String tile : Tiles.fullTilesNotInTheirParents(size, log::storedTile)) {
            found.add(new Finding(null, null, "tile " + tile + " no longer hashes to its place in the tile above it: "
                    + "the log's leaves were changed", now()));
        }
        if (latest.isPresent()) {
            Checkpoint signed = latest.get().checkpoint();
            checkRoot(signed, "the latest checkpoint", found);
            Checkpoint before = held;
            if (before != null) {
                if (before.size() > signed.size()) {
                    found.add(new Finding(null, null, "the log shrank: " + before.size()
                            + " entries were signed earlier, the latest checkpoint has " + signed.size(), now()));
                } else {
                    checkRoot(before, "a checkpoint signed earlier (seen by this instance)", found);
                }
            }
            if (found.isEmpty() || before == null) {
                held = signed;
            }
        }
        // Counted once each: a finding already reported is not counted again by later passes.
        List<Finding> before = findings();
        found.stream().filter(f -> before.stream().noneMatch(old -> same(old, f))).forEach(f -> mismatches.increment());
        List<Document> stored = found.stream().limit(SHOWN).map(f -> new Document("index", f.index())
                .append("eventId", f.eventId()).append("problem", f.problem())
                .append("foundAt", Date.from(f.foundAt()))).toList();
        audits.updateOne(eq("_id", LAST), Updates.combine(Updates.set("findings", stored),
                Updates.set("count", found.size()), Updates.set("audited", size),
                Updates.set("passedAt", Date.from(now()))), new UpdateOptions().upsert(true));
        return List.copyOf(found);
    }

    /**
     * Runs a pass if none started within {@code every} on any instance: the instance whose claim lands runs it. A
     * pass that dies part-way is run again once {@code every} has passed since it started.
     */
    public void passIfDue(Duration every) {
        Date now = Date.from(now());
        Date due = Date.from(now().minus(every));
        boolean claimed;
        try {
            UpdateResult claim = audits.updateOne(and(eq("_id", LAST), or(exists("startedAt", false),
                    lt("startedAt", due))), Updates.set("startedAt", now), new UpdateOptions().upsert(true));
            claimed = claim.getModifiedCount() > 0 || claim.getUpsertedId() != null;
        } catch (MongoException e) {
            // The pass is not due (the upsert clashed with the document that says so), or another instance won.
            claimed = false;
        }
        if (claimed) {
            pass();
        }
    }

    /** The findings of the last pass, as every instance reads them. */
    public List<Finding> findings() {
        Document last = audits.find(eq("_id", LAST)).first();
        if (last == null) {
            return List.of();
        }
        return last.getList("findings", Document.class, List.of()).stream().map(d -> new Finding(
                d.get("index") == null ? null : d.get("index", Number.class).longValue(), d.getString("eventId"),
                d.getString("problem"), d.getDate("foundAt").toInstant())).toList();
    }

    private static boolean same(Finding a, Finding b) {
        return java.util.Objects.equals(a.index(), b.index()) && a.problem().equals(b.problem());
    }

    private void checkRoot(Checkpoint checkpoint, String which, List<Finding> found) {
        byte[] root = Merkle.root(Tiles.subtrees(log::storedTile), checkpoint.size());
        if (!Arrays.equals(root, checkpoint.root())) {
            found.add(new Finding(null, null, "the tree no longer hashes to " + which + " (" + checkpoint
                    + "): the log was rewritten", now()));
        }
    }

    private void auditChunk(long from, long to, List<Finding> found) {
        List<TransparencyLog.Entry> entries;
        try {
            entries = log.entries(from, to);
        } catch (IllegalStateException e) {
            found.add(new Finding(from, null, e.getMessage(), now()));
            return;
        }
        byte[] tile = log.storedTile(0, from / CHUNK);
        for (RecordedLeaves.Recorded recorded : leaves.of(entries)) {
            TransparencyLog.Entry entry = recorded.entry();
            int offset = (int) (entry.index() % CHUNK);
            byte[] logged = tile == null || tile.length < (offset + 1) * Merkle.HASH_BYTES ? null
                    : Arrays.copyOfRange(tile, offset * Merkle.HASH_BYTES, (offset + 1) * Merkle.HASH_BYTES);
            if (logged == null || !Arrays.equals(logged, Merkle.leafHash(entry.bytes()))) {
                found.add(finding(entry, "the leaf logged no longer hashes to the tree's leaf " + entry.index()));
            } else if (!recorded.present()) {
                found.add(finding(entry, recorded.missing()));
            } else if (!recorded.matchesLog()) {
                found.add(finding(entry, "the stored event changed: " + differing(entry.leaf(), recorded.leaf())
                        + " differ from what was logged"));
            }
        }
    }

    /** The leaf's top-level members that differ, e.g. {@code data, recordedtime}. */
    private static String differing(String logged, String now) {
        JsonNode a = RecordedLeaves.parse(logged);
        JsonNode b = RecordedLeaves.parse(now);
        TreeSet<String> names = new TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        List<String> differ = new ArrayList<>();
        for (Iterator<String> it = names.iterator(); it.hasNext(); ) {
            String name = it.next();
            if (!a.path(name).equals(b.path(name))) {
                differ.add(name);
            }
        }
        return String.join(", ", differ);
    }

    private Finding finding(TransparencyLog.Entry entry, String problem) {
        return new Finding(entry.index(), entry.eventId(), problem, now());
    }

    private Instant now() {
        return clock.instant();
    }

    @Override
    public String name() {
        return "integrity";
    }

    @Override
    public Section read() {
        Document last = audits.find(eq("_id", LAST)).first();
        List<Stuck> stuck = new ArrayList<>();
        findings().forEach(f -> stuck.add(new Stuck(
                f.index() == null ? "the transparency log" : "log entry " + f.index() + ", event " + f.eventId(),
                "transparency log of " + log.origin(), f.foundAt(), f.problem(),
                "The record was changed behind the API. Keep the store as it is for the investigation; restore the "
                        + "event from a backup or the signed proofs (the log keeps what was signed).")));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("origin", log.origin());
        details.put("verifierKey", log.verifier().encoded());
        details.put("audited", last == null ? 0 : last.get("audited"));
        details.put("lastPass", last == null ? null : last.get("passedAt"));
        details.put("findings", last == null ? 0 : last.get("count"));
        return new Section(stuck, details);
    }
}
