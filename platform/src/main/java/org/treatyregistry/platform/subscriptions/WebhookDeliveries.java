package org.treatyregistry.platform.subscriptions;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what {@link WebhookOutbox} queued, per Standard Webhooks: each entry a signed POST of its CloudEvent, its
 * {@code webhook-id} the event's id (the same on every attempt, for receivers to drop repeats). A subscription's
 * entries of one State go one at a time, lowest store position first: the next waits until the one before was
 * delivered; other States' go on meanwhile. Every instance sends; an entry is leased before it is sent, so two
 * instances never send one entry at once, and a lease left by a dead instance expires.
 * <p>
 * A failed attempt is retried on the Standard Webhooks schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h,
 * 24 h, then every 24 h), each delay with up to 10 % jitter, later if the receiver asked so ({@code Retry-After}
 * on 429 or 503). {@code 410 Gone} disables the subscription; so does failing for 5 days; its owner's other
 * subscriptions are told. A delivered entry leaves
 * the outbox; every attempt is kept in the delivery log ({@code webhook_deliveries}) for 30 days. A pass looks at each
 * subscription's first 500 entries by position: a State whose entries lie beyond them waits for those before.
 * A State's entries delivered, the sender goes on with its next at once.
 */
public class WebhookDeliveries {

    static final String LOG_COLLECTION = "webhook_deliveries";
    /** The delays before the second, third... attempt; the last one repeats. */
    static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));
    /** How long each attempt stays in the delivery log: longer than a subscription can fail before it is disabled. */
    static final Duration LOG_KEPT = Duration.ofDays(30);
    /** A subscription failing for this long is disabled. */
    static final Duration GIVE_UP = Duration.ofDays(5);
    /** Longer than an attempt can take. */
    private static final Duration LEASE = Receivers.TIMEOUT.multipliedBy(2);
    /** Entries of one State a sender delivers one after another before it leaves the rest to the next pass. */
    private static final int DRAIN = 500;
    /** A State's entries read at once while draining it. */
    private static final int READ_AHEAD = 100;
    /** Entries looked at per pass. */
    private static final int PASS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveries.class);
    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    private final MongoCollection<Document> outbox;
    private final MongoCollection<Document> log;
    private final Subscriptions subscriptions;
    private final WebhookOutbox notices;
    private final Receivers receivers;
    private final PrivateKey signingKey;
    private final Clock clock;

    public WebhookDeliveries(MongoDatabase database, Subscriptions subscriptions, WebhookOutbox notices,
                             Receivers receivers, PrivateKey signingKey, Clock clock) {
        this.outbox = database.getCollection(WebhookOutbox.COLLECTION);
        this.log = database.getCollection(LOG_COLLECTION);
        this.subscriptions = subscriptions;
        this.notices = notices;
        this.receivers = receivers;
        this.signingKey = signingKey;
        this.clock = clock;
    }

    /**
     * One pass: each subscription and State whose first queued entry is due and not leased is drained on
     * {@code senders}; answers how many were started.
     */
    public int pass(ExecutorService senders) {
        Instant now = clock.instant();
        int started = 0;
        for (Subscriptions.Subscription subscription : subscriptions.receiving()) {
            if (!Subscriptions.Subscription.ACTIVE.equals(subscription.status())) {
                continue;
            }
            // Each State's first entry: a subscription's entries by position, a State's first seen first; a notice
            // queued at a position goes after the event stored there.
            Map<String, Document> heads = new LinkedHashMap<>();
            for (Document entry : outbox.find(eq("subscription", subscription.id()))
                    .sort(Sorts.ascending("position", "notice")).limit(PASS)) {
                heads.putIfAbsent(entry.getString("state"), entry);
            }
            for (Document head : heads.values()) {
                if (!head.getDate("nextAt").toInstant().isAfter(now) && !leased(head, now)) {
                    senders.execute(() -> {
                        try {
                            drain(subscription, head.getString("state"));
                        } catch (RuntimeException e) {
                            // Nothing is lost: what is not recorded as delivered stays queued, its lease expires.
                            LOG.warn("Deliveries to subscription {} stopped; they are tried again: {}",
                                    subscription.id(), e.toString());
                        }
                    });
                    started++;
                }
            }
        }
        return started;
    }

    private static boolean leased(Document entry, Instant now) {
        Date until = entry.getDate("leaseUntil");
        return until != null && until.toInstant().isAfter(now);
    }

    /**
     * Sends the State's due entries in order, one after another while each is delivered, up to {@link #DRAIN}: a
     * run of up to {@link #READ_AHEAD} entries is leased at once, and the delivered ones leave the outbox and enter
     * the log together at the run's end. Per entry, only the POST: a few writes per delivery held a State to a few
     * dozen deliveries a second. A crash within a run sends its delivered entries again (under the same ids).
     */
    private void drain(Subscriptions.Subscription subscription, String state) {
        int sent = 0;
        while (sent < DRAIN) {
            Instant now = clock.instant();
            List<Document> due = new ArrayList<>();
            List<Document> next = new ArrayList<>();
            outbox.find(and(eq("subscription", subscription.id()), eq("state", state)))
                    .sort(Sorts.ascending("position", "notice")).limit(READ_AHEAD).forEach(next::add);
            for (Document entry : next) {
                if (entry.getDate("nextAt").toInstant().isAfter(now)) {
                    break;
                }
                due.add(entry);
            }
            Instant until = now.plus(LEASE);
            if (due.isEmpty() || !lease(due, now, until)) {
                return;
            }
            Run run = send(subscription, due, until);
            sent += run.delivered();
            if (run.stopped() || due.size() < READ_AHEAD) {
                return;
            }
        }
    }

    /** Leases them all, or none: a State's entries are sent by one sender at a time. */
    private boolean lease(List<Document> entries, Instant now, Instant until) {
        List<Object> ids = entries.stream().map(e -> e.get("_id")).toList();
        long leased = outbox.updateMany(and(in("_id", ids), or(exists("leaseUntil", false),
                        lt("leaseUntil", Date.from(now)))),
                Updates.combine(Updates.set("leaseUntil", Date.from(until)), Updates.set("leasedBy", INSTANCE)))
                .getModifiedCount();
        if (leased < ids.size()) {
            release(ids, until);
            return false;
        }
        return true;
    }

    /** Gives back what this sender leased until {@code until} and did not deliver. */
    private void release(List<Object> ids, Instant until) {
        if (!ids.isEmpty()) {
            outbox.updateMany(and(in("_id", ids), eq("leasedBy", INSTANCE), eq("leaseUntil", Date.from(until))),
                    Updates.unset("leaseUntil"));
        }
    }

    /** How a run went: how many were delivered, and whether it stopped before its end. */
    private record Run(int delivered, boolean stopped) {
    }

    /**
     * Sends the leased entries in order until one is not delivered, or the lease would run out during the next
     * attempt; then records the run: the delivered entries leave the outbox, every attempt enters the log, the
     * failed one is rescheduled and the unsent ones are given back.
     */
    private Run send(Subscriptions.Subscription subscription, List<Document> entries, Instant until) {
        List<Object> delivered = new ArrayList<>();
        List<Document> attempts = new ArrayList<>();
        boolean stopped = false;
        int tried = 0;
        try {
            for (Document entry : entries) {
                Instant now = clock.instant();
                if (now.plus(Receivers.TIMEOUT).isAfter(until)) {
                    stopped = true;
                    break;
                }
                tried++;
                Receivers.Answer answer = post(subscription, entry, now);
                int attempt = entry.getInteger("attempts", 0) + 1;
                if (answer.delivered()) {
                    delivered.add(entry.get("_id"));
                    attempts.add(attempt(subscription, entry, attempt, now, answer, "delivered"));
                } else {
                    attempts.add(attempt(subscription, entry, attempt, now, answer, outcome(subscription, entry,
                            answer, attempt, now)));
                    stopped = true;
                    break;
                }
            }
        } catch (RuntimeException e) {
            // Nothing is lost: what was not recorded as delivered stays queued and is sent again.
            LOG.warn("Deliveries to subscription {} could not be completed; they are tried again: {}",
                    subscription.id(), e.toString());
            stopped = true;
        } finally {
            if (!delivered.isEmpty()) {
                outbox.deleteMany(in("_id", delivered));
                if (subscription.failingSince() != null) {
                    subscriptions.succeeded(subscription.id());
                }
            }
            if (!attempts.isEmpty()) {
                log.insertMany(attempts);
            }
            release(entries.subList(Math.min(tried, entries.size()), entries.size()).stream()
                    .map(e -> e.get("_id")).toList(), until);
        }
        return new Run(delivered.size(), stopped);
    }

    /** The POST of one entry, signed with every secret in use and the service's key. */
    private Receivers.Answer post(Subscriptions.Subscription subscription, Document entry, Instant now) {
        long timestamp = now.getEpochSecond();
        String id = entry.getString("eventId");
        byte[] body = entry.getString("body").getBytes(StandardCharsets.UTF_8);
        List<String> signatures = new ArrayList<>();
        subscription.signingSecrets(now).forEach(secret -> signatures.add(WebhookSignatures.v1(secret, id,
                timestamp, body)));
        signatures.add(WebhookSignatures.v1a(signingKey, id, timestamp, body));
        return receivers.deliver(subscription.url(), id, timestamp, String.join(" ", signatures), body);
    }

    private static Document attempt(Subscriptions.Subscription subscription, Document entry, int attempt,
                                    Instant now, Receivers.Answer answer, String outcome) {
        // Its own id: a replayed range queues an entry again under its key, and counts its attempts anew.
        return new Document("entry", entry.getString("_id"))
                .append("subscription", subscription.id()).append("eventId", entry.getString("eventId"))
                .append("state", entry.getString("state")).append("position", entry.get("position"))
                .append("type", entry.getString("type")).append("attempt", attempt).append("at", Date.from(now))
                .append("status", answer.status()).append("outcome", outcome)
                .append("latencyMs", answer.latency().toMillis()).append("response", answer.excerpt());
    }

    /** Updates the entry and the subscription after a failed attempt; answers what it came to. */
    private String outcome(Subscriptions.Subscription subscription, Document entry, Receivers.Answer answer,
                           int attempt, Instant now) {
        subscriptions.failing(subscription.id(), now);
        if (answer.status() == 410) {
            disable(subscription, "the receiver answered 410 Gone at " + now, now);
            release(entry, attempt, now);
            return "gone: subscription disabled";
        }
        Instant failingSince = subscriptions.find(subscription.id()).map(Subscriptions.Subscription::failingSince)
                .orElse(now);
        if (failingSince != null && !failingSince.plus(GIVE_UP).isAfter(now)) {
            disable(subscription, "deliveries failing since " + failingSince, now);
            release(entry, attempt, now);
            return "failed: subscription disabled after failing for 5 days";
        }
        Duration delay = SCHEDULE.get(Math.min(attempt - 1, SCHEDULE.size() - 1));
        long jitter = (long) (delay.toMillis() * 0.1 * ThreadLocalRandom.current().nextDouble());
        Instant next = now.plus(delay).plusMillis(jitter);
        if ((answer.status() == 429 || answer.status() == 503) && answer.retryAfter().isPresent()
                && now.plus(answer.retryAfter().get()).isAfter(next)) {
            next = now.plus(answer.retryAfter().get());
        }
        outbox.updateOne(eq("_id", entry.get("_id")), Updates.combine(Updates.set("attempts", attempt),
                Updates.set("nextAt", Date.from(next)), Updates.unset("leaseUntil")));
        return "failed: next attempt at " + next;
    }

    /** Disables it and tells its owner through the owner's other active subscriptions. */
    private void disable(Subscriptions.Subscription subscription, String because, Instant now) {
        subscriptions.disable(subscription.id(), because);
        notices.tellDisabled(subscription, subscriptions.ofOwner(subscription.owner()).stream()
                .filter(s -> !s.id().equals(subscription.id()) && Subscriptions.Subscription.ACTIVE.equals(s.status()))
                .toList(), because, now);
    }

    private void release(Document entry, int attempt, Instant now) {
        outbox.updateOne(eq("_id", entry.get("_id")), Updates.combine(Updates.set("attempts", attempt),
                Updates.set("nextAt", Date.from(now)), Updates.unset("leaseUntil")));
    }

    /** Forgets attempts older than {@link #LOG_KEPT}; answers how many. */
    public long prune() {
        return log.deleteMany(lt("at", Date.from(clock.instant().minus(LOG_KEPT)))).getDeletedCount();
    }

    /** A subscription's delivery log, newest first. */
    public List<Document> log(String subscription, int limit) {
        List<Document> attempts = new ArrayList<>();
        log.find(eq("subscription", subscription)).sort(Sorts.descending("at")).limit(limit)
                .forEach(attempts::add);
        return attempts;
    }

    /** How many entries are queued for a subscription. */
    public long queued(String subscription) {
        return outbox.countDocuments(eq("subscription", subscription));
    }
}
