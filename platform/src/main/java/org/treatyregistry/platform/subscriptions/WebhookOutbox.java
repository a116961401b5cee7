package org.treatyregistry.platform.subscriptions;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
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
    /** How long the list of subscriptions is reused: reading it for every event slowed the outbox to a crawl. */
    static final Duration FRESH = Duration.ofSeconds(1);

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

    @EventHandler
    void on(StateEvent payload, DomainEventMessage<?> event, TrackingToken token) {
        queue(event, payload, MongoEventStorageEngine.storedPosition(event, token), null);
    }

    /**
     * Queues the event for the subscriptions that select it, or for {@code only} that one (a replay of a range, which
     * delivers again what it covers). Answers how many entries were queued.
     */
    int queue(DomainEventMessage<?> event, StateEvent payload, long position, Subscriptions.Subscription only) {
        String type = EventCatalog.typeOf(payload.getClass());
        List<Subscriptions.Subscription> candidates = only == null ? receiving() : List.of(only);
        List<Document> entries = new ArrayList<>();
        for (Subscriptions.Subscription subscription : candidates) {
            if (subscription.selects(type, payload.iso3(), position)) {
                entries.add(new Document("_id", subscription.id() + "/" + event.getIdentifier())
                        .append("subscription", subscription.id()).append("state", payload.iso3())
                        .append("position", position).append("eventId", event.getIdentifier())
                        .append("type", type)
                        .append("body", new String(codec.encode(event, payload, position), StandardCharsets.UTF_8))
                        .append("attempts", 0).append("nextAt", Date.from(clock.instant()))
                        .append("queuedAt", Date.from(clock.instant())));
            }
        }
        if (entries.isEmpty()) {
            return 0;
        }
        try {
            outbox.insertMany(entries, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // An entry already queued (the event delivered to this handler again after a crash) stays as it is.
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != 11000)) {
                throw e;
            }
        }
        return entries.size();
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
