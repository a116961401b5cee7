package org.treatyregistry.platform.ingestion;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The ingestion contract every service's {@code POST .../events} keeps: one item or a batch, each with a client
 * id; the whole batch is checked before anything is recorded, and if any item is refused nothing is; an item
 * posted again under the same client id is answered from the event store, which keeps every fact's client id
 * (a different content under a reused id is a conflict). What is checked and how it is recorded is the service's
 * {@link Batch}.
 */
public class BatchIngestion {

    public static final int MAX_BATCH = 5_000;
    /**
     * The scheme of the fingerprints stored from now on: SHA-256 of the canonical JSON of what was posted. A stored
     * fingerprint without it was written before (see {@link #compare}).
     */
    public static final String SCHEME = "json-sha256:";

    private final IngestionLog log;
    private final Clock clock;

    public BatchIngestion(IngestionLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** One post, as the service checks and records it. */
    public interface Batch<T> {

        String clientId(T item);

        /**
         * What the item says, without its client id, written canonically (a re-post under the same id must say the
         * same): never a class's {@code toString}, which changes when the class does.
         */
        String fingerprint(T item);

        /**
         * For an item whose client id was recorded with a fingerprint of an older scheme: whether the item says what
         * was recorded under it ({@link Match#UNKNOWN} when that cannot be told).
         */
        default Match compareWithRecorded(int index, T item) {
            return Match.UNKNOWN;
        }

        /**
         * Checks the item against the record and the items accepted before it in this batch: empty if accepted (it is
         * recorded with {@code fingerprint}, see {@link PendingFact}), else every problem found in it.
         */
        List<ItemError> check(int index, T item, String fingerprint);

        /** Records every accepted item (called only when none was refused). */
        void record();
    }

    /** How a re-posted item compares with what its client id recorded. */
    public enum Match { SAME, CHANGED, UNKNOWN }

    /** What became of each item: recorded now, or recorded before under the same client id. */
    public record Outcome(String clientId, Status status, Instant recordedAt) {

        public enum Status { RECORDED, ALREADY_RECORDED }
    }

    /** Nothing was recorded: these items were refused (409 for reused client ids, 422 for rule violations). */
    public static class Refused extends RuntimeException {
        private final transient List<ItemError> errors;
        private final int status;

        Refused(int status, List<ItemError> errors) {
            super(errors.size() + " item(s) refused: " + errors.get(0).detail());
            this.status = status;
            this.errors = errors;
        }

        public List<ItemError> errors() {
            return errors;
        }

        public int status() {
            return status;
        }
    }

    /**
     * What the store holds of a post's client ids, read once: a post made again (a retry, the reference data on
     * every start) need not read the streams its recorded items would have touched, and its check uses the same.
     */
    public static final class Known {
        private final Map<String, IngestionLog.Entry> entries;

        private Known(Map<String, IngestionLog.Entry> entries) {
            this.entries = entries;
        }

        public boolean contains(String clientId) {
            return entries.containsKey(clientId);
        }
    }

    /** The client ids of {@code items} that the store holds (an item without one is refused when checked). */
    public <T> Known known(List<T> items, Function<T, String> clientId) {
        return new Known(log.find(items.stream().map(clientId).filter(Objects::nonNull).toList()));
    }

    /** {@link #ingest(List, String, Batch, Known)}, reading first what the store holds of the items' client ids. */
    public <T> List<Outcome> ingest(List<T> items, String principal, Batch<T> batch) {
        return ingest(items, principal, batch, known(items, batch::clientId));
    }

    /**
     * An item whose client id is in the store is answered {@code ALREADY_RECORDED} if it says what was recorded
     * under that id, and refused (409) if not. Two posts racing with one client id cannot both record it: the store
     * holds client ids unique, and the loser is answered 409 (changed meanwhile); posted again, it gets one of
     * those two answers.
     */
    public <T> List<Outcome> ingest(List<T> items, String principal, Batch<T> batch, Known recorded) {
        Map<String, IngestionLog.Entry> known = recorded.entries;
        List<ItemError> conflicts = new ArrayList<>();
        List<ItemError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Outcome[] outcomes = new Outcome[items.size()];
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            String clientId = batch.clientId(item);
            String digest = IngestionLog.fingerprint(batch.fingerprint(item));
            String fingerprint = SCHEME + digest;
            IngestionLog.Entry earlier = clientId == null ? null : known.get(clientId);
            if (clientId != null && !seen.add(clientId)) {
                errors.add(new ItemError(i, clientId, "duplicate-client-id", "clientId " + clientId
                        + " appears twice in this batch.", "clientId", null));
            } else if (earlier != null) {
                int index = i;
                if (compare(earlier.fingerprint(), digest, () -> batch.compareWithRecorded(index, item))
                        == Match.CHANGED) {
                    conflicts.add(new ItemError(i, clientId, "client-id-reused", "clientId " + clientId
                            + " was already used, on " + earlier.recordedAt() + ", for different content; use a "
                            + "new clientId for a new fact.", "clientId", null));
                }
                outcomes[i] = new Outcome(clientId, Outcome.Status.ALREADY_RECORDED, earlier.recordedAt());
            } else {
                errors.addAll(batch.check(i, item, fingerprint));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new Refused(409, conflicts);
        }
        if (!errors.isEmpty()) {
            throw new Refused(422, errors);
        }
        batch.record();
        Instant recordedAt = clock.instant();
        for (int i = 0; i < items.size(); i++) {
            if (outcomes[i] == null) {
                outcomes[i] = new Outcome(batch.clientId(items.get(i)), Outcome.Status.RECORDED, recordedAt);
            }
        }
        return List.of(outcomes);
    }

    /**
     * A stored fingerprint of this scheme is compared as it is. One without a scheme was stored before: where it is
     * the bare digest of the same canonical JSON (the reporting and indicators services wrote those) the item is the
     * same; else it may be of a scheme that cannot be recomputed (the registry's was a class's {@code toString}), and
     * the recorded event tells ({@code olderScheme}). No fingerprint at all (decision 0011): the same.
     */
    static Match compare(String stored, String digest, Supplier<Match> olderScheme) {
        if (stored == null) {
            return Match.SAME;
        }
        if (stored.startsWith(SCHEME)) {
            return stored.equals(SCHEME + digest) ? Match.SAME : Match.CHANGED;
        }
        return stored.equals(digest) ? Match.SAME : olderScheme.get();
    }
}
