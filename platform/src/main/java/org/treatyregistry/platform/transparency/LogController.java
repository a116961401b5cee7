package org.treatyregistry.platform.transparency;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;
import org.treatyregistry.transparency.Merkle;
import org.treatyregistry.transparency.ProofBundle;
import org.treatyregistry.transparency.SignedNote;
import org.treatyregistry.transparency.Tiles;

/**
 * The service's transparency log, for auditors, mirrors and monitors: its checkpoints, entries and proofs, and the
 * C2SP {@code tlog-tiles} resources ({@code checkpoint}, {@code tile/<L>/<N>[.p/<W>]},
 * {@code tile/entries/<N>[.p/<W>]}) under {@code /api/{service}/log}, which standard tlog clients read as a log
 * prefix.
 */
@RestController
@RequestMapping("/api/${treaty.service.name}/log")
public class LogController {

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
    private static final int MOST_CHECKPOINTS = 1000;
    private static final int MOST_ENTRIES_PER_CLIENT_ID = 64;

    private final TransparencyLog log;
    private final RecordedLeaves leaves;

    public LogController(TransparencyLog log, RecordedLeaves leaves) {
        this.log = log;
        this.leaves = leaves;
    }

    /** The log's identity and state: its origin, verifier key and latest checkpoint. */
    public record Summary(String origin, String verifierKey, Long size, Long checkpoints, Instant signedAt,
                          String checkpoint) {
    }

    @GetMapping
    public Summary summary() {
        var latest = log.latest();
        return new Summary(log.origin(), log.verifier().encoded(), latest.map(l -> l.size()).orElse(null),
                latest.map(l -> l.sequence() + 1).orElse(0L), latest.map(l -> l.signedAt().toInstant()).orElse(null),
                latest.map(TransparencyLog.SignedCheckpoint::note).orElse(null));
    }

    /** The latest signed checkpoint, as a C2SP signed note. */
    @GetMapping("/checkpoint")
    public ResponseEntity<String> checkpoint() {
        return ResponseEntity.ok().contentType(TEXT).cacheControl(CacheControl.noCache())
                .body(latest().note());
    }

    public record CheckpointView(long sequence, long size, Instant signedAt, String note) {
        static CheckpointView of(TransparencyLog.SignedCheckpoint c) {
            return new CheckpointView(c.sequence(), c.size(), c.signedAt().toInstant(), c.note());
        }
    }

    /** Every checkpoint signed, from sequence number {@code from} on, at most {@code limit} (1,000). */
    @GetMapping("/checkpoints")
    public List<CheckpointView> checkpoints(@RequestParam(defaultValue = "0") long from,
                                            @RequestParam(defaultValue = "100") int limit) {
        if (from < 0 || limit < 1 || limit > MOST_CHECKPOINTS) {
            throw new ProblemException(Problems.of(HttpStatus.BAD_REQUEST, "invalid-range", "Invalid range",
                    "'from' is a sequence number of 0 or more and 'limit' from 1 to " + MOST_CHECKPOINTS + "."));
        }
        return log.checkpoints(from, limit).stream().map(CheckpointView::of).toList();
    }

    /** One checkpoint, by its sequence number, as a signed note. */
    @GetMapping("/checkpoints/{sequence}")
    public ResponseEntity<String> checkpoint(@PathVariable long sequence) {
        return ResponseEntity.ok().contentType(TEXT).cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(365)))
                .body(log.checkpointAt(sequence).orElseThrow(() -> notFound("no-such-checkpoint",
                        "No checkpoint " + sequence + " was signed; GET .../log/checkpoints lists them.")).note());
    }

    /**
     * An event's entry: its log index, its leaf as the store gives it now and that leaf's hash, which an unaltered
     * record has in the signed tree at that index.
     */
    public record EntryView(long index, String eventId, long position, String clientKey, String leaf,
                            String leafHash) {
        static EntryView of(TransparencyLog.Entry e, String leaf) {
            return new EntryView(e.index(), e.eventId(), e.position(), e.clientKey(), leaf,
                    Base64.getEncoder().encodeToString(Merkle.leafHash(leaf.getBytes(StandardCharsets.UTF_8))));
        }
    }

    @GetMapping("/entries/{eventId}")
    public EntryView entry(@PathVariable String eventId) {
        TransparencyLog.Entry entry = entryOf(eventId);
        return EntryView.of(entry, recorded(entry));
    }

    /** The entries of the events recorded for a posted fact, by the client id it was posted under. */
    @GetMapping(value = "/entries", params = "clientId")
    public List<EntryView> entriesOfClientId(@RequestParam String clientId) {
        List<EntryView> found = log.entriesOfClientId(clientId, MOST_ENTRIES_PER_CLIENT_ID).stream()
                .map(entry -> EntryView.of(entry, recorded(entry))).toList();
        if (found.isEmpty()) {
            throw notFound("not-logged", "No logged event was posted under client id '" + clientId
                    + "' (a fact just posted is logged within a second).");
        }
        return found;
    }

    public record InclusionProof(long index, long size, String leafHash, List<String> path, String checkpoint) {
    }

    /**
     * The inclusion proof of entry {@code index} in the tree of {@code size} entries (default: the latest
     * checkpoint's), with that checkpoint when one was signed at that size.
     */
    @GetMapping("/proofs/inclusion")
    public InclusionProof inclusion(@RequestParam long index, @RequestParam(required = false) Long size) {
        long treeSize = size == null ? latest().size() : size;
        checkSize(treeSize);
        if (index < 0 || index >= treeSize) {
            throw new ProblemException(Problems.of(HttpStatus.BAD_REQUEST, "invalid-range", "Invalid range",
                    "Entry " + index + " is not in a tree of " + treeSize + " entries."));
        }
        TransparencyLog.Entry entry = log.entry(index).orElseThrow();
        byte[] leaf = recorded(entry).getBytes(StandardCharsets.UTF_8);
        return new InclusionProof(index, treeSize, Base64.getEncoder().encodeToString(Merkle.leafHash(leaf)),
                base64(Merkle.inclusionProof(log.subtrees(), index, treeSize)),
                log.checkpointOfSize(treeSize).map(TransparencyLog.SignedCheckpoint::note).orElse(null));
    }

    public record ConsistencyProof(long from, long to, List<String> path) {
    }

    /** The consistency proof from the tree of {@code from} entries to the tree of {@code to}. */
    @GetMapping("/proofs/consistency")
    public ConsistencyProof consistency(@RequestParam long from, @RequestParam long to) {
        checkSize(to);
        if (from < 0 || from > to) {
            throw new ProblemException(Problems.of(HttpStatus.BAD_REQUEST, "invalid-range", "Invalid range",
                    "A consistency proof goes from a smaller tree to a larger one: 0 <= from <= to."));
        }
        return new ConsistencyProof(from, to, base64(Merkle.consistencyProof(log.subtrees(), from, to)));
    }

    /**
     * A fact's proof bundle, to save and verify offline ({@code ./verify proof}): the C2SP {@code tlog-proof} text
     * with the event's leaf as the store gives it now, its index, its inclusion path and the latest signed
     * checkpoint. An event altered behind the API gets a bundle that fails verification: it is not what was signed.
     */
    @GetMapping("/proofs/{eventId}")
    public ResponseEntity<String> proof(@PathVariable String eventId) {
        TransparencyLog.Entry entry = entryOf(eventId);
        TransparencyLog.SignedCheckpoint checkpoint = latest();
        if (entry.index() >= checkpoint.size()) {
            throw notFound("not-logged", "Event " + eventId + " is logged at " + entry.index()
                    + " but no checkpoint covers it yet; ask again in a second.");
        }
        ProofBundle bundle = new ProofBundle(recorded(entry).getBytes(StandardCharsets.UTF_8), entry.index(),
                Merkle.inclusionProof(log.subtrees(), entry.index(), checkpoint.size()),
                SignedNote.parse(checkpoint.note()));
        return ResponseEntity.ok().contentType(TEXT)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(eventId + ".tlog-proof").build().toString())
                .body(bundle.encoded());
    }

    /** The C2SP tlog-tiles resources: hash tiles and entry bundles, full or partial, up to the latest checkpoint. */
    @GetMapping("/tile/**")
    public ResponseEntity<byte[]> tile(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String path = uri.substring(uri.indexOf("/log/") + "/log/".length());
        Tiles.Tile tile;
        try {
            tile = Tiles.parse(path);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw notFound("no-such-tile", e.getMessage());
        }
        long size = latest().size();
        long hashes = size;
        for (int level = 0; level < Math.max(0, tile.level()) && hashes > 0; level++) {
            hashes /= Tiles.WIDTH;
        }
        // index * 256 + width <= hashes, written so that no index can overflow it
        if (hashes < tile.width() || tile.index() > (hashes - tile.width()) / Tiles.WIDTH) {
            throw notFound("no-such-tile", "Tile " + path + " is beyond the latest checkpoint (" + size
                    + " entries).");
        }
        byte[] body;
        if (tile.level() == Tiles.ENTRIES) {
            long first = tile.index() * Tiles.WIDTH;
            List<byte[]> bytes = new ArrayList<>();
            for (RecordedLeaves.Recorded recorded : leaves.of(log.entries(first, first + tile.width()))) {
                bytes.add(present(recorded).getBytes(StandardCharsets.UTF_8));
            }
            body = Tiles.bundle(bytes);
        } else {
            byte[] stored = log.storedTile(tile.level(), tile.index());
            if (stored == null) {
                throw notFound("no-such-tile", "Tile " + path + " is not stored.");
            }
            body = Tiles.prefix(stored, tile.width());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePublic().immutable())
                .body(body);
    }

    private String recorded(TransparencyLog.Entry entry) {
        return present(leaves.of(entry));
    }

    /** A leaf the store cannot give any more: the record was altered, and the log says so rather than hide it. */
    private static String present(RecordedLeaves.Recorded recorded) {
        if (!recorded.present()) {
            throw new ProblemException(Problems.of(HttpStatus.GONE, "event-gone", "Logged event gone",
                    recorded.missing() + ". The record was altered behind the API: tell an operator."));
        }
        return recorded.leaf();
    }

    private TransparencyLog.SignedCheckpoint latest() {
        return log.latest().orElseThrow(() -> notFound("no-checkpoint",
                "The log has no signed checkpoint yet; the first is signed once the first event is logged."));
    }

    private TransparencyLog.Entry entryOf(String eventId) {
        return log.entryOfEvent(eventId).orElseThrow(() -> notFound("not-logged",
                "No event " + eventId + " is logged (a fact just recorded is logged within a second)."));
    }

    private void checkSize(long size) {
        long hashed = log.size();
        if (size < 0 || size > hashed) {
            throw new ProblemException(Problems.of(HttpStatus.BAD_REQUEST, "invalid-range", "Invalid range",
                    "The log holds " + hashed + " entries; a tree of " + size + " does not exist yet."));
        }
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }

    private static ProblemException notFound(String type, String detail) {
        return new ProblemException(Problems.of(HttpStatus.NOT_FOUND, type, "Not found", detail));
    }
}
