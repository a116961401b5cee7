package org.treatyregistry.platform.subscriptions;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.bson.Document;
import org.treatyregistry.convention.alerts.Alerts;

/**
 * The service's webhook subscriptions, in its MongoDB ({@code subscriptions}): who owns each (the API key's name,
 * from the gateway's token), where it delivers, what it selects (CloudEvents types and States, empty for all), from
 * which store position on, its signing secrets (the current one, and during a rotation the previous one until it
 * expires) and whether it is active. Every instance reads the same.
 */
public class Subscriptions {

    static final String COLLECTION = "subscriptions";

    private final MongoCollection<Document> subscriptions;
    private final Clock clock;

    public Subscriptions(MongoDatabase database, Clock clock) {
        this.subscriptions = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** A secret a delivery is signed with, valid until {@code until} (null: the current one). */
    public record Secret(String secret, Instant since, Instant until) {
    }

    /**
     * What a subscription is sent: the events of {@code types} (CloudEvents types; all if empty) if {@code events},
     * the alerts of {@code alerts} (kinds; none if empty) with approaching dates warned {@code daysAhead} days before,
     * both about {@code states} (ISO3 codes; all if empty).
     */
    public record Selection(boolean events, Set<String> types, Set<String> states, Set<String> alerts,
                            List<Integer> daysAhead) {

        public Selection {
            types = new TreeSet<>(types);
            states = new TreeSet<>(states);
            alerts = new TreeSet<>(alerts);
            daysAhead = List.copyOf(daysAhead);
        }

        boolean selects(String type, String state) {
            return events && (types.isEmpty() || types.contains(type)) && about(state);
        }

        boolean about(String state) {
            return states.isEmpty() || states.contains(state);
        }
    }

    /** One subscription, as stored. */
    public record Subscription(String id, String owner, URI url, Selection selection, long fromPosition,
                               List<Secret> secrets, String status, String disabledBecause, Instant createdAt,
                               Instant failingSince) {

        /** Created, queuing, not yet delivering: what was stored while it was created is being queued. */
        public static final String STARTING = "STARTING";
        public static final String ACTIVE = "ACTIVE";
        public static final String DISABLED = "DISABLED";

        /** Whether an event of this type about this State is for this subscription. */
        public boolean selects(String type, String state, long position) {
            return !DISABLED.equals(status) && position > fromPosition && selection.selects(type, state);
        }

        /** The same, sent what is stored after {@code position} (a replay of a range). */
        Subscription from(long position) {
            return new Subscription(id, owner, url, selection, position, secrets, ACTIVE, null, createdAt, null);
        }

        /** The secrets to sign with now: the current one, and a previous one not yet expired. */
        public List<String> signingSecrets(Instant now) {
            return secrets.stream().filter(s -> s.until() == null || s.until().isAfter(now)).map(Secret::secret)
                    .toList();
        }
    }

    /**
     * Stores a new subscription with a new secret, {@link Subscription#STARTING}: the outbox queues for it from
     * then on, and it delivers once {@link #activate}d.
     */
    public Subscription create(String owner, URI url, Selection selection, long fromPosition) {
        Instant now = clock.instant();
        Subscription subscription = new Subscription("sub_" + UUID.randomUUID().toString().replace("-", ""), owner,
                url, selection, fromPosition, List.of(new Secret(WebhookSignatures.newSecret(), now, null)),
                Subscription.STARTING, null, now, null);
        subscriptions.insertOne(toDocument(subscription));
        return subscription;
    }

    /** Delivering from now on. */
    public void activate(String id) {
        subscriptions.updateOne(and(eq("_id", id), eq("status", Subscription.STARTING)),
                Updates.set("status", Subscription.ACTIVE));
    }

    /** The subscription, if it exists and is {@code owner}'s: nobody sees another's. */
    public Optional<Subscription> owned(String id, String owner) {
        return find(id).filter(s -> s.owner().equals(owner));
    }

    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.find(eq("_id", id)).first()).map(Subscriptions::fromDocument);
    }

    /** The owner's subscriptions, oldest first. */
    public List<Subscription> ofOwner(String owner) {
        List<Subscription> found = new ArrayList<>();
        subscriptions.find(eq("owner", owner)).forEach(d -> found.add(fromDocument(d)));
        found.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return found;
    }

    /** Every subscription that is not disabled: what the outbox matches events against. */
    public List<Subscription> receiving() {
        List<Subscription> found = new ArrayList<>();
        subscriptions.find(ne("status", Subscription.DISABLED)).forEach(d -> found.add(fromDocument(d)));
        return found;
    }

    public boolean delete(String id, String owner) {
        return subscriptions.deleteOne(and(eq("_id", id), eq("owner", owner))).getDeletedCount() == 1;
    }

    /**
     * A new current secret; the previous one stays valid for {@code overlap}, so a receiver that verifies either
     * keeps accepting deliveries while it switches. Answers the subscription as it is now.
     */
    public Subscription rotate(Subscription subscription, Duration overlap) {
        Instant now = clock.instant();
        List<Secret> secrets = new ArrayList<>();
        secrets.add(new Secret(WebhookSignatures.newSecret(), now, null));
        subscription.secrets().stream().filter(s -> s.until() == null).findFirst()
                .ifPresent(s -> secrets.add(new Secret(s.secret(), s.since(), now.plus(overlap))));
        subscriptions.updateOne(eq("_id", subscription.id()), Updates.set("secrets", secrets.stream()
                .map(Subscriptions::toDocument).toList()));
        return find(subscription.id()).orElseThrow();
    }

    /** Stops every delivery to it, saying why; deliveries already queued stay queued until it is enabled again. */
    public void disable(String id, String because) {
        subscriptions.updateOne(eq("_id", id), Updates.combine(Updates.set("status", Subscription.DISABLED),
                Updates.set("disabledBecause", because), Updates.set("disabledAt", Date.from(clock.instant()))));
    }

    /** Active again: its queued deliveries go on, each State in order; what was stored meanwhile is not queued. */
    public void enable(String id) {
        subscriptions.updateOne(eq("_id", id), Updates.combine(Updates.set("status", Subscription.ACTIVE),
                Updates.unset("disabledBecause"), Updates.unset("failingSince")));
    }

    /** The first failure of a run of failures (kept until a delivery succeeds). */
    void failing(String id, Instant since) {
        subscriptions.updateOne(and(eq("_id", id), eq("failingSince", null)),
                Updates.set("failingSince", Date.from(since)));
    }

    void succeeded(String id) {
        subscriptions.updateOne(and(eq("_id", id), ne("failingSince", null)), Updates.unset("failingSince"));
    }

    private static Document toDocument(Subscription s) {
        return new Document("_id", s.id()).append("owner", s.owner()).append("url", s.url().toString())
                .append("events", s.selection().events())
                .append("types", new ArrayList<>(s.selection().types()))
                .append("states", new ArrayList<>(s.selection().states()))
                .append("alerts", new ArrayList<>(s.selection().alerts()))
                .append("daysAhead", s.selection().daysAhead())
                .append("fromPosition", s.fromPosition())
                .append("secrets", s.secrets().stream().map(Subscriptions::toDocument).toList())
                .append("status", s.status()).append("createdAt", Date.from(s.createdAt()));
    }

    private static Document toDocument(Secret secret) {
        return new Document("secret", secret.secret()).append("since", Date.from(secret.since()))
                .append("until", secret.until() == null ? null : Date.from(secret.until()));
    }

    private static Subscription fromDocument(Document d) {
        List<Secret> secrets = d.getList("secrets", Document.class).stream()
                .map(s -> new Secret(s.getString("secret"), s.getDate("since").toInstant(),
                        s.getDate("until") == null ? null : s.getDate("until").toInstant()))
                .toList();
        // Subscriptions made before alerts existed: events only.
        Selection selection = new Selection(d.getBoolean("events", true), new TreeSet<>(d.getList("types",
                String.class)), new TreeSet<>(d.getList("states", String.class)), new TreeSet<>(d.getList("alerts",
                String.class, List.of())), d.getList("daysAhead", Integer.class, Alerts.DEFAULT_DAYS_AHEAD));
        return new Subscription(d.getString("_id"), d.getString("owner"), URI.create(d.getString("url")), selection,
                d.get("fromPosition", Number.class).longValue(), secrets, d.getString("status"),
                d.getString("disabledBecause"), d.getDate("createdAt").toInstant(),
                d.getDate("failingSince") == null ? null : d.getDate("failingSince").toInstant());
    }
}
