package org.treatyregistry.platform.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.bson.Document;

/**
 * Keeps each State's events in position order on a tracked stream. Trackers read past a position whose commit has
 * not landed yet (a gap) and read it when it lands; across States that order does not matter, but a State's events
 * can span several streams (reporting keeps a State's reports, stockpiles and land release apart), and a reader of a
 * State must see them in the order a replay of the store does. So each position's claim names the State of the
 * event to be stored there, and a State's events are held back while a position of that State below them has
 * neither landed nor been given up. Only that State waits, and for at most the gap timeout (a writer that died
 * after taking its positions); other States' events go on.
 * <p>
 * A missing position with no claim yet is one whose writer has taken it from the counter and not claimed it: the
 * reader claims it itself, with no State, so that the writer's claim clashes and it takes other positions, and
 * nothing can land there that a reader has passed over unknowingly.
 */
final class StateOrder {

    /** A claim's State: that of the event its commit will store at that position, if the event has one. */
    static final String SUBJECT = "subject";
    static final String CLAIMED_AT = "claimedAt";
    /** A claim's reservation: the positions one writer claimed together, released together. */
    static final String BY = "by";

    private final MongoCollection<Document> claims;
    private final Clock clock;
    private final Duration gapTimeout;
    /** Gives up expired positions for good; answers those given up, by this reader or another. */
    private final Function<SortedSet<Long>, Set<Long>> giveUp;

    StateOrder(MongoCollection<Document> claims, Clock clock, Duration gapTimeout,
               Function<SortedSet<Long>, Set<Long>> giveUp) {
        this.claims = claims;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
        this.giveUp = giveUp;
    }

    /** The claims of one reservation, from position {@code first}: each with the State of its event, if any. */
    static List<Document> claims(long first, List<String> subjects, Date claimedAt, String reservation) {
        List<Document> claims = new ArrayList<>(subjects.size());
        for (int i = 0; i < subjects.size(); i++) {
            Document claim = new Document("_id", first + i).append(CLAIMED_AT, claimedAt).append(BY, reservation);
            if (subjects.get(i) != null) {
                claim.append(SUBJECT, subjects.get(i));
            }
            claims.add(claim);
        }
        return claims;
    }

    /** The State of a stored event, from its envelope; null for an event without one. */
    static String subjectOf(Document event) {
        Document envelope = event.get(EventLeaf.ENVELOPE, Document.class);
        return envelope == null ? null : envelope.getString("subject");
    }

    /**
     * A reservation whose commit will never land (refused whole, or its claim clashed): its positions name no
     * State any more, so no reader holds a State back for them until the gap timeout.
     */
    void release(Collection<Long> positions, String reservation) {
        claims.updateMany(and(in("_id", positions), eq(BY, reservation)), Updates.unset(SUBJECT));
    }

    /**
     * The events a reader may be handed now, of {@code events} (in position order, read with the positions below
     * them that are {@code missing}: no commit and no give-up there): all but each State's events after a missing
     * position of that State. Missing positions with no claim are claimed first (see above).
     */
    List<Document> deliverable(List<Document> events, SortedSet<Long> missing) {
        if (events.isEmpty() || missing.isEmpty()) {
            return events;
        }
        SortedSet<Long> below = missing.headSet(EventCommit.position(events.get(events.size() - 1)));
        if (below.isEmpty()) {
            return events;
        }
        Map<String, Long> waitingFrom = waitingFrom(below);
        if (waitingFrom.isEmpty()) {
            return events;
        }
        List<Document> deliverable = new ArrayList<>(events.size());
        for (Document event : events) {
            Long waiting = waitingFrom.get(subjectOf(event));
            if (waiting == null || EventCommit.position(event) < waiting) {
                deliverable.add(event);
            }
        }
        return deliverable;
    }

    /** Per State, the lowest of {@code missing} that its events wait for. */
    private Map<String, Long> waitingFrom(SortedSet<Long> missing) {
        Map<Long, String> subjects = new HashMap<>();
        Map<Long, Date> claimedAt = new HashMap<>();
        readClaims(missing, subjects, claimedAt);
        Set<Long> unclaimed = new TreeSet<>(missing);
        unclaimed.removeAll(claimedAt.keySet());
        if (!unclaimed.isEmpty() && !claimUnclaimed(unclaimed)) {
            // A writer claimed some of them meanwhile: their States are read now.
            readClaims(unclaimed, subjects, claimedAt);
        }
        Date expired = Date.from(clock.instant().minus(gapTimeout));
        SortedSet<Long> stale = new TreeSet<>();
        Map<String, Long> waitingFrom = new HashMap<>();
        subjects.forEach((position, subject) -> {
            if (claimedAt.get(position).before(expired)) {
                stale.add(position);
            } else {
                waitingFrom.merge(subject, position, Math::min);
            }
        });
        if (!stale.isEmpty()) {
            // Positions older than the gap timeout are given up here as they would be as gaps: a commit landing
            // later is refused. One that landed meanwhile is not given up, and is read with the next window.
            Set<Long> givenUp = giveUp.apply(stale);
            for (Long position : stale) {
                if (!givenUp.contains(position)) {
                    waitingFrom.merge(subjects.get(position), position, Math::min);
                }
            }
        }
        return waitingFrom;
    }

    private void readClaims(Collection<Long> positions, Map<Long, String> subjects, Map<Long, Date> claimedAt) {
        for (Document claim : claims.find(in("_id", positions))
                .projection(Projections.include(SUBJECT, CLAIMED_AT))) {
            long position = claim.get("_id", Number.class).longValue();
            claimedAt.put(position, claim.getDate(CLAIMED_AT));
            if (claim.getString(SUBJECT) != null) {
                subjects.put(position, claim.getString(SUBJECT));
            }
        }
    }

    /** Claims the positions for no State; false if a writer claimed one of them first. */
    private boolean claimUnclaimed(Set<Long> positions) {
        Date now = Date.from(clock.instant());
        List<Document> claimed = new ArrayList<>(positions.size());
        for (Long position : positions) {
            claimed.add(new Document("_id", position).append(CLAIMED_AT, now));
        }
        try {
            claims.insertMany(claimed, new InsertManyOptions().ordered(false));
            return true;
        } catch (MongoException e) {
            if (!MongoEventStorageEngine.isDuplicateKey(e)) {
                throw e;
            }
            return false;
        }
    }

    /** The States of {@code events}, as {@link #claims} names them. */
    static List<String> subjects(List<Document> events) {
        List<String> subjects = new ArrayList<>(events.size());
        events.forEach(event -> subjects.add(subjectOf(event)));
        return subjects;
    }

    /** The positions of a reservation's claims. */
    static List<Long> positions(long first, int count) {
        List<Long> positions = new ArrayList<>(count);
        for (long position = first; position < first + count; position++) {
            positions.add(position);
        }
        return positions;
    }
}
