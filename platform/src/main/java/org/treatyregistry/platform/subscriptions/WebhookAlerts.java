package org.treatyregistry.platform.subscriptions;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.bson.Document;
import org.treatyregistry.convention.alerts.Alerts;
import org.treatyregistry.convention.alerts.Alerts.Alert;
import org.treatyregistry.platform.alerts.AlertSource;
import org.treatyregistry.platform.alerts.AlertsAsked;
import org.treatyregistry.platform.kafka.CloudEventCodec;

/**
 * Sends subscribers the alerts of the service's record ({@link AlertSource}) they asked for, each once, on the day it
 * fires in legal time (UTC), as a CloudEvent of its own type with the rule and the events it rests on. A
 * subscription made today is also sent the warnings already fired of dates still ahead (a deadline 60 days away for
 * a subscriber warned 90 days ahead). What was sent is kept per subscription ({@code webhook_alerts}); when the record
 * no longer gives an alert it was sent (a correction moved or removed its date: the alert's id names the date), the
 * subscription is sent an {@link #RETRACTED} notice saying so. Every instance runs it; the keys make it once.
 */
public class WebhookAlerts {

    static final String COLLECTION = "webhook_alerts";
    /** Alerts are CloudEvents of this type and the kind's name: {@code org.treatyregistry.alert.ArticleFive...}. */
    public static final String TYPE_PREFIX = "org.treatyregistry.alert.";
    public static final String RETRACTED = TYPE_PREFIX + "AlertRetracted";

    private final MongoCollection<Document> sent;
    private final Subscriptions subscriptions;
    private final WebhookOutbox outbox;
    private final AlertSource source;
    private final CloudEventCodec codec;
    private final LongSupplier head;
    private final Clock clock;

    public WebhookAlerts(MongoDatabase database, Subscriptions subscriptions, WebhookOutbox outbox, AlertSource source,
                         CloudEventCodec codec, LongSupplier head, Clock clock) {
        this.sent = database.getCollection(COLLECTION);
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.source = source;
        this.codec = codec;
        this.head = head;
        this.clock = clock;
    }

    /** The CloudEvents type of an alert of this kind, e.g. {@code org.treatyregistry.alert.Article5DeadlinePassed}. */
    public static String typeOf(Alerts.Kind kind) {
        return TYPE_PREFIX + List.of(kind.name().toLowerCase(Locale.ROOT).split("_")).stream()
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1)).collect(Collectors.joining());
    }

    /** The kinds this service's record gives. */
    public Set<Alerts.Kind> kinds() {
        return source.kinds();
    }

    /**
     * Queues, for every active subscription that asks for alerts, what fired and was not sent, and what was
     * retracted. One being made is left to the request making it, which queues its alerts before it activates it.
     */
    public int queueAll() {
        int queued = 0;
        for (Subscriptions.Subscription subscription : subscriptions.receiving()) {
            if (Subscriptions.Subscription.ACTIVE.equals(subscription.status())) {
                queued += queue(subscription);
            }
        }
        return queued;
    }

    /** Queues what fired for the subscription up to today and was not sent, and the retractions due: how many. */
    int queue(Subscriptions.Subscription subscription) {
        Subscriptions.Selection selection = subscription.selection();
        if (selection.alerts().isEmpty() || Subscriptions.Subscription.DISABLED.equals(subscription.status())) {
            return 0;
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate since = LocalDate.ofInstant(subscription.createdAt(), ZoneOffset.UTC);
        Map<String, Document> wasSent = new HashMap<>();
        sent.find(eq("subscription", subscription.id())).forEach(d -> wasSent.put(d.getString("alert"), d));
        LocalDate from = since.minusDays(Collections.max(selection.daysAhead()));
        for (Document d : wasSent.values()) {
            LocalDate firedOn = LocalDate.parse(d.getString("firesOn"));
            from = firedOn.isBefore(from) ? firedOn : from;
        }
        Map<String, Alert> firing = new LinkedHashMap<>();
        source.firing(null, new AlertsAsked(from, today, selection.daysAhead()), now)
                .filter(a -> selection.alerts().contains(a.kind().name()) && selection.about(a.iso3()))
                .forEach(a -> firing.put(a.id(), a));
        long position = head.getAsLong();
        int queued = 0;
        for (Alert alert : firing.values()) {
            boolean due = !alert.firesOn().isBefore(since)
                    || alert.daysAhead() != null && !alert.date().isBefore(since);
            if (due && !wasSent.containsKey(alert.id())) {
                send(subscription, alert, position);
                queued++;
            }
        }
        for (Document d : wasSent.values()) {
            if (!d.getBoolean("retracted", false) && !firing.containsKey(d.getString("alert"))) {
                retract(subscription, d, position, now);
                queued++;
            }
        }
        return queued;
    }

    /** Queued before it is noted as sent: a crash between the two sends it twice, under one id, never not at all. */
    private void send(Subscriptions.Subscription subscription, Alert alert, long position) {
        String id = UUID.nameUUIDFromBytes(("alert/" + alert.id()).getBytes(StandardCharsets.UTF_8)).toString();
        String type = typeOf(alert.kind());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alert", alert.id());
        data.put("kind", alert.kind().name());
        data.put("iso3", alert.iso3());
        data.put("firesOn", alert.firesOn().toString());
        data.put("date", alert.date().toString());
        data.put("daysAhead", alert.daysAhead());
        data.put("rule", alert.rule());
        data.put("restsOn", alert.restsOn());
        outbox.queueNotice(subscription.id() + "/" + id, subscription.id(), alert.iso3(), position, id, type,
                codec.encodeNotice(id, type, alert.iso3(), alert.firesOn().atStartOfDay(ZoneOffset.UTC).toInstant(),
                        data));
        try {
            sent.insertOne(new Document("_id", subscription.id() + "/" + alert.id())
                    .append("subscription", subscription.id()).append("alert", alert.id())
                    .append("kind", alert.kind().name()).append("iso3", alert.iso3())
                    .append("firesOn", alert.firesOn().toString()).append("date", alert.date().toString())
                    .append("daysAhead", alert.daysAhead()).append("rule", alert.rule())
                    .append("restsOn", alert.restsOn()).append("event", id)
                    .append("queuedAt", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            // Another instance noted it first; it queued the same entry, under the same key.
            if (e.getError().getCode() != 11000) {
                throw e;
            }
        }
    }

    private void retract(Subscriptions.Subscription subscription, Document was, long position, Instant now) {
        String alert = was.getString("alert");
        String id = UUID.nameUUIDFromBytes(("retracted/" + alert).getBytes(StandardCharsets.UTF_8)).toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alert", alert);
        data.put("alertEvent", was.getString("event"));
        data.put("kind", was.getString("kind"));
        data.put("iso3", was.getString("iso3"));
        data.put("date", was.getString("date"));
        data.put("daysAhead", was.get("daysAhead"));
        data.put("firesOn", was.getString("firesOn"));
        data.put("reason", "The record as known at " + now + " no longer gives this alert: a correction moved or "
                + "removed the date it was about; an alert for the corrected date fires on its own day.");
        outbox.queueNotice(subscription.id() + "/" + id, subscription.id(), was.getString("iso3"), position, id,
                RETRACTED, codec.encodeNotice(id, RETRACTED, was.getString("iso3"), now, data));
        sent.updateOne(eq("_id", was.get("_id")), Updates.set("retracted", true));
    }

    /** The alerts sent to the subscription (retracted ones too), latest first. */
    List<Alert> sent(String subscription, int limit) {
        List<Alert> alerts = new ArrayList<>();
        sent.find(eq("subscription", subscription)).sort(Sorts.descending("firesOn")).limit(limit).forEach(d ->
                alerts.add(new Alert(d.getString("alert"), Alerts.Kind.valueOf(d.getString("kind")),
                        d.getString("iso3"), LocalDate.parse(d.getString("firesOn")), LocalDate.parse(d.getString(
                        "date")), d.getInteger("daysAhead"), d.getString("rule") + (d.getBoolean("retracted", false)
                        ? " (retracted: a correction moved or removed the date)" : ""),
                        d.getList("restsOn", String.class, List.of()))));
        return alerts;
    }

    /** Forgets what was sent to a subscription that is gone. */
    void dropAll(String subscription) {
        sent.deleteMany(eq("subscription", subscription));
    }
}
