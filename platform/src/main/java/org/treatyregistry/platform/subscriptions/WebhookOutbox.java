package org.treatyregistry.platform.subscriptions;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.failures.BatchEnd;
import org.treatyregistry.platform.kafka.CloudEventCodec;

/**
 * Queues each stored event for every subscription that selects it: an outbox in the service's MongoDB
 * ({@code webhook_outbox}), one entry per subscription and event, written by a streaming processor of the store like
 * every projection, so a delivery is never lost to a crash between the write and the send (the store is the
 * outbox's source, its token says how far it got) and a failure to queue is retried or dead-lettered like any
 * handler's. The processor's segments split the store by State, so a State's entries are queued in store order,
 * and {@link WebhookDeliveries} sends each subscription's entries of a State in that order.
 */
@ProcessingGroup(WebhookOutbox.PROCESSING_GROUP)
public class WebhookOutbox {

    public static final String PROCESSING_GROUP = "webhook-outbox";
    static final String COLLECTION = "webhook_outbox";
    /** The CloudEvents type of the notice an owner's other subscriptions get when one of theirs is disabled. */
    public static final String SUBSCRIPTION_DISABLED = "org.treatyregistry.subscription.SubscriptionDisabled";
    /** How long the list of subscriptions is reused: reading it for every event slowed the outbox to a crawl. */
    static final Duration FRESH = Duration.ofSeconds(1);

    private static final String BATCH = WebhookOutbox.class.getName() + ".batch";

    private final MongoCollection<Document> outbox;
    private final Subscriptions subscriptions;
    private final CloudEventCodec codec;
    private final Clock clock;
    private volatile Cached cached;

    public WebhookOutbox(MongoDatabase database, Subscriptions subscriptions, CloudEventCodec codec, Clock clock) {
        this.outbox = database.getCollection(COLLECTION);
        this.subscriptions = subscriptions;
        this.codec = codec;
        this.clock = clock;
    }

    /** Queued at the batch's end, in one write: a write per event held the outbox to a few dozen events a second. */
    @EventHandler
    void on(StateEvent payload, DomainEventMessage<?> event, TrackingToken token) {
        List<Document> entries = entries(event, payload, MongoEventStorageEngine.storedPosition(event, token),
                receiving());
        List<Document> batch = BatchEnd.defer(BATCH, ArrayList::new, this::insert);
        if (batch == null) {
            insert(entries);
        } else {
            batch.addAll(entries);
        }
    }

    /**
     * Queues the event for {@code only} that subscription at once (a replay of a range, which delivers again what it
     * covers). Answers how many entries were queued.
     */
    int queue(DomainEventMessage<?> event, StateEvent payload, long position, Subscriptions.Subscription only) {
        List<Document> entries = entries(event, payload, position, List.of(only));
        insert(entries);
        return entries.size();
    }

    private List<Document> entries(DomainEventMessage<?> event, StateEvent payload, long position,
                                   List<Subscriptions.Subscription> candidates) {
        String type = EventCatalog.typeOf(payload.getClass());
        List<Document> entries = new ArrayList<>();
        for (Subscriptions.Subscription subscription : candidates) {
            if (subscription.selects(type, payload.iso3(), position)) {
                entries.add(entry(subscription.id() + "/" + event.getIdentifier(), subscription.id(),
                        payload.iso3(), position, event.getIdentifier(), type,
                        // No log index: the outbox queues as the store delivers, not waiting for the log.
                        codec.encode(event, payload, position, null)));
            }
        }
        return entries;
    }

    /**
     * Queues a notice that is no stored event (an alert, a word about a subscription) under {@code key}, once: a key
     * queued before is left as it is. It goes after the events of its State ({@code state}) stored up to
     * {@code position} and before those stored after.
     */
    void queueNotice(String key, String subscription, String state, long position, String id, String type,
                     byte[] body) {
        insert(List.of(entry(key, subscription, state, position, id, type, body).append("notice", true)));
    }

    /**
     * Tells the owner's other subscriptions that {@code disabled} was disabled and why: each is sent a
     * {@link #SUBSCRIPTION_DISABLED} notice, its subject the disabled subscription's id.
     */
    void tellDisabled(Subscriptions.Subscription disabled, List<Subscriptions.Subscription> others, String because,
                      Instant at) {
        String id = UUID.nameUUIDFromBytes((disabled.id() + "/disabled/" + at).getBytes(StandardCharsets.UTF_8))
                .toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscription", disabled.id());
        data.put("url", disabled.url().toString());
        data.put("because", because);
        data.put("disabledAt", at.toString());
        data.put("enable", "POST /api/{service}/subscriptions/" + disabled.id() + "/enable once the receiver is back");
        byte[] body = codec.encodeNotice(id, SUBSCRIPTION_DISABLED, disabled.id(), at, data);
        for (Subscriptions.Subscription other : others) {
            // Its own State key: the notice holds up none of the subscription's States.
            queueNotice(other.id() + "/" + id, other.id(), disabled.id(), 0, id, SUBSCRIPTION_DISABLED, body);
        }
    }

    private Document entry(String key, String subscription, String state, long position, String id, String type,
                           byte[] body) {
        return new Document("_id", key).append("subscription", subscription).append("state", state)
                .append("position", position).append("eventId", id).append("type", type)
                .append("body", new String(body, StandardCharsets.UTF_8))
                .append("attempts", 0).append("nextAt", Date.from(clock.instant()))
                .append("queuedAt", Date.from(clock.instant()));
    }

    private void insert(List<Document> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            outbox.insertMany(entries, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // An entry already queued (the event delivered to this handler again after a crash) stays as it is.
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != 11000)) {
                throw e;
            }
        }
    }

    /**
     * The subscriptions that receive, read again once {@link #FRESH} has passed. Any event stored more than that after
     * a subscription was made finds it: {@link SubscriptionsController} waits longer than that after making one
     * before it reads the head up to which it queues what was stored meanwhile itself.
     */
    private List<Subscriptions.Subscription> receiving() {
        long now = System.nanoTime();
        Cached cached = this.cached;
        if (cached == null || now - cached.readAt() > FRESH.toNanos()) {
            cached = new Cached(subscriptions.receiving(), now);
            this.cached = cached;
        }
        return cached.subscriptions();
    }

    private record Cached(List<Subscriptions.Subscription> subscriptions, long readAt) {
    }

    /** Forgets what was queued for a subscription that is gone. */
    void dropAll(String subscription) {
        outbox.deleteMany(eq("subscription", subscription));
    }
}
