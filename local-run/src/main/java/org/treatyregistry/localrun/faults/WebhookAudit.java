package org.treatyregistry.localrun.faults;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Projections;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.localrun.processes.Topology;
import org.treatyregistry.localrun.webhooks.WebhookReceiver;
import org.treatyregistry.platform.eventstore.EventCommit;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;

/**
 * The fault suite's webhook subscriber: a {@link WebhookReceiver} in the suite's JVM, subscribed through the gateway
 * to every event of every State of each service, from before the load starts. After each phase it checks, against
 * each service's store (the events after the subscription's {@code fromPosition} that a subscription selects: those
 * about a State), that every one was delivered at least once with a valid {@code v1} signature, that each State's
 * first arrivals came in store-position order, and that nothing was delivered that the store does not hold.
 */
final class WebhookAudit implements AutoCloseable {

    /** What was found, over every event since the subscriptions were made, and each problem in a sentence. */
    record Findings(long expected, long delivered, long repeats, long outOfOrder, long badSignatures,
                    List<String> problems) {

        String cell() {
            return String.format("%,d of %,d; %,d repeated; %,d out of order; %,d badly signed", delivered, expected,
                    repeats, outOfOrder, badSignatures);
        }
    }

    private final WebhookReceiver receiver;
    private final MongoClient mongo;
    private final Map<String, WebhookReceiver.Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, Boolean> stateEvents = new HashMap<>();

    WebhookAudit(Topology topology) throws IOException {
        this.receiver = new WebhookReceiver();
        this.mongo = MongoClients.create(
                topology.mongoUri("") + "?serverSelectionTimeoutMS=3000&socketTimeoutMS=30000");
    }

    /** Subscribes to every event of each of {@code services}, from now. */
    void subscribe(String gateway, String apiKey, List<String> services) throws IOException, InterruptedException {
        for (String service : services) {
            WebhookReceiver.Subscription subscription = receiver.subscribe(gateway, apiKey, service, List.of());
            subscriptions.put(service, subscription);
            System.out.println("webhook subscription " + subscription.id() + " to " + service + " from position "
                    + subscription.fromPosition());
        }
    }

    /**
     * Waits until every selected event stored so far was delivered, or {@code patience} has passed, and judges. Call
     * once nothing is being stored: the load stopped and every processor caught up.
     */
    Findings check(Duration patience) throws InterruptedException {
        Map<String, Map<String, Long>> expected = new LinkedHashMap<>();
        Map<String, Long> heads = new HashMap<>();
        for (WebhookReceiver.Subscription subscription : subscriptions.values()) {
            long[] head = {-1};
            expected.put(subscription.service(), selected(subscription, head));
            heads.put(subscription.service(), head[0]);
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline && expected.entrySet().stream().anyMatch(e ->
                !receiver.deliveries(e.getKey()).first().keySet().containsAll(e.getValue().keySet()))) {
            Thread.sleep(1_000);
        }
        long all = 0;
        long delivered = 0;
        long repeats = 0;
        long outOfOrder = 0;
        long badSignatures = 0;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> service : expected.entrySet()) {
            String name = service.getKey();
            WebhookReceiver.Deliveries deliveries = receiver.deliveries(name);
            List<String> missing = service.getValue().keySet().stream()
                    .filter(id -> !deliveries.first().containsKey(id)).sorted().toList();
            List<String> unknown = deliveries.first().entrySet().stream()
                    .filter(e -> !service.getValue().containsKey(e.getKey())
                            && e.getValue().position() <= heads.get(name))
                    .map(e -> e.getKey() + " at position " + e.getValue().position()).sorted().toList();
            all += service.getValue().size();
            delivered += service.getValue().size() - missing.size();
            repeats += deliveries.repeats();
            outOfOrder += deliveries.outOfOrder();
            badSignatures += deliveries.badSignatures();
            if (!missing.isEmpty()) {
                problems.add(name + ": stored events never delivered to its webhook subscription within "
                        + patience.toSeconds() + " s: " + missing.size() + " (e.g. " + missing.get(0) + " at position "
                        + service.getValue().get(missing.get(0)) + ")");
            }
            if (!unknown.isEmpty()) {
                problems.add(name + ": webhook deliveries of events its store does not hold after position "
                        + subscriptions.get(name).fromPosition() + ": " + unknown.size() + " (e.g. " + unknown.get(0)
                        + ")");
            }
            if (deliveries.outOfOrder() > 0) {
                problems.add(name + ": webhook deliveries first arrived after a later event of their State: "
                        + deliveries.outOfOrder() + " (e.g. " + deliveries.firstOutOfOrder() + ")");
            }
            if (deliveries.badSignatures() > 0) {
                problems.add(name + ": webhook deliveries without a valid v1 signature: "
                        + deliveries.badSignatures() + " (e.g. " + deliveries.firstBadSignature() + ")");
            }
        }
        return new Findings(all, delivered, repeats, outOfOrder, badSignatures, problems);
    }

    /**
     * The events of the service's store that its subscription selects, by id with their position: those about a
     * State stored after its {@code fromPosition}. Sets {@code head[0]} to the highest position stored.
     */
    private Map<String, Long> selected(WebhookReceiver.Subscription subscription, long[] head) {
        Map<String, Long> selected = new HashMap<>();
        for (Document commit : mongo.getDatabase(subscription.service())
                .getCollection(MongoEventStorageEngine.COMMITS).find()
                .projection(Projections.include("events.eventIdentifier", "events.payloadType", "events.position"))
                .batchSize(500)) {
            // A commit given up by the trackers holds positions and no events.
            for (Document event : EventCommit.events(commit)) {
                long position = EventCommit.position(event);
                head[0] = Math.max(head[0], position);
                if (position > subscription.fromPosition() && isStateEvent(event.getString("payloadType"))) {
                    selected.put(event.getString("eventIdentifier"), position);
                }
            }
        }
        return selected;
    }

    /** Whether the stored type is a fact about a State: only those are queued for subscriptions. */
    private boolean isStateEvent(String payloadType) {
        return stateEvents.computeIfAbsent(payloadType, type -> {
            try {
                return StateEvent.class.isAssignableFrom(Class.forName(type));
            } catch (ClassNotFoundException e) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        receiver.close();
        mongo.close();
    }
}
