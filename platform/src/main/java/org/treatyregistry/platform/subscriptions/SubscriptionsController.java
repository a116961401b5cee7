package org.treatyregistry.platform.subscriptions;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.alerts.Alerts;
import org.treatyregistry.platform.alerts.AlertsAsked;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.web.AtomFeed;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;

/**
 * Webhook subscriptions to the service's events (roles integration and auditor; each sees only its own). A
 * subscription is made active only once its receiver agreed in the CloudEvents validation handshake; its secret
 * is shown when it is made and when it is rotated, never again.
 */
@RestController
@RequestMapping("/api/${treaty.service.name}/subscriptions")
public class SubscriptionsController {

    /** How long a rotated-out secret still signs deliveries, so a receiver can switch without missing any. */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    /** The largest range one request queues again. */
    static final long MAX_REPLAY = 100_000;
    /** How far past a range's end a replay reads for events of the range held back behind an earlier one. */
    private static final long READ_PAST = 1_000;
    private static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");
    private static final Set<String> FIELDS = new TreeSet<>(Set.of("url", "types", "states", "from", "events",
            "alerts", "daysAhead"));

    private final Subscriptions subscriptions;
    private final Receivers receivers;
    private final WebhookOutbox outbox;
    private final WebhookDeliveries deliveries;
    private final Optional<WebhookAlerts> alerts;
    private final MongoEventStorageEngine store;
    private final Feeds feeds;
    private final String signingPublicKey;
    private final String service;

    public SubscriptionsController(Subscriptions subscriptions, Receivers receivers, WebhookOutbox outbox,
                                   WebhookDeliveries deliveries, Optional<WebhookAlerts> alerts,
                                   MongoEventStorageEngine store, Feeds feeds, String signingPublicKey,
                                   String service) {
        this.subscriptions = subscriptions;
        this.receivers = receivers;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.store = store;
        this.feeds = feeds;
        this.signingPublicKey = signingPublicKey;
        this.service = service;
    }

    /**
     * Subscribes {@code url} to the events of {@code types} (CloudEvents types; all if none; none if {@code events}
     * is false) and the alerts of {@code alerts} (kinds; approaching dates warned {@code daysAhead} days before,
     * default 90 and 30), about {@code states} (ISO3 codes; all if none), from now or from after a store position
     * ({@code from}).
     */
    @PostMapping
    public ResponseEntity<Map<String, Object>> subscribe(@RequestBody Map<String, Object> body, Principal principal) {
        body.keySet().stream().filter(key -> !FIELDS.contains(key)).findFirst().ifPresent(key -> {
            throw bad("bad-subscription", "Bad subscription", "'" + key + "' is no field of a subscription; "
                    + "its fields are " + FIELDS + ".");
        });
        URI url = url(body.get("url"));
        Subscriptions.Selection selection = selection(body);
        long head = store.headPosition();
        long from = from(body.get("from"), head);
        receivers.refusal(url).ifPresent(why -> {
            throw bad("receiver-refused", "Receiver refused", why);
        });
        receivers.handshake(url).ifPresent(why -> {
            throw new ProblemException(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "receiver-not-validated",
                    "Receiver did not validate", why));
        });
        Subscriptions.Subscription subscription = subscriptions.create(principal.getName(), url, selection, from);
        // What was stored while the subscription was being made (or since a past position asked for) is queued
        // here; what is stored once the outbox's list of subscriptions has it, the outbox queues. It delivers only
        // then, so in order.
        try {
            Thread.sleep(WebhookOutbox.FRESH.multipliedBy(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making subscription " + subscription.id(), e);
        }
        long queued = queueRange(subscription, from, store.headPosition());
        queued += alerts.map(a -> a.queue(subscription)).orElse(0);
        subscriptions.activate(subscription.id());
        Map<String, Object> answer = view(subscriptions.find(subscription.id()).orElseThrow());
        answer.put("secret", subscription.secrets().get(0).secret());
        answer.put("queued", queued);
        return ResponseEntity.created(URI.create(subscription.id())).body(answer);
    }

    /** What the body asks to be sent, refused before anything is stored when it names what is not there. */
    private Subscriptions.Selection selection(Map<String, Object> body) {
        Object eventsAsked = body.getOrDefault("events", Boolean.TRUE);
        if (!(eventsAsked instanceof Boolean events)) {
            throw bad("bad-subscription", "Bad subscription", "'events' is true (the default) or false (alerts "
                    + "only).");
        }
        Set<String> types = strings(body, "types");
        for (String type : types) {
            if (EventCatalog.classOf(type).isEmpty()) {
                throw bad("unknown-event-type", "Unknown event type", "'" + type + "' is no event type of the "
                        + "record; the AsyncAPI document lists them (e.g. org.treatyregistry.InstrumentDeposited).");
            }
        }
        Set<String> states = strings(body, "states");
        states.stream().filter(s -> !ISO3.matcher(s).matches()).findFirst().ifPresent(s -> {
            throw bad("bad-state", "Not an ISO3 code", "'" + s + "' is not an ISO 3166-1 alpha-3 code (e.g. UKR).");
        });
        Set<String> kinds = alerts.map(WebhookAlerts::kinds).orElse(Set.of()).stream().map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> asked = strings(body, "alerts");
        asked.stream().filter(kind -> !kinds.contains(kind)).findFirst().ifPresent(kind -> {
            throw bad("unknown-alert", "Unknown alert", "'" + kind + "' is no alert this service gives; "
                    + (kinds.isEmpty() ? "it gives none" : "it gives " + kinds) + " (the registry gives entries "
                    + "into force, withdrawals and Art. 4 and 5 deadlines; reporting gives Art. 7 reports).");
        });
        List<Integer> daysAhead = days(body.get("daysAhead"));
        if (!events && asked.isEmpty()) {
            throw bad("bad-subscription", "Subscription selects nothing", "With 'events' false, name the "
                    + "'alerts' to be sent, e.g. [\"ARTICLE_5_DEADLINE_APPROACHING\"].");
        }
        return new Subscriptions.Selection(events, types, states, asked, daysAhead);
    }

    /** Days before an approaching date its warning fires: whole numbers from 1 to 3,650 (Art. 5 runs ten years). */
    private static List<Integer> days(Object value) {
        if (value == null) {
            return Alerts.DEFAULT_DAYS_AHEAD;
        }
        if (!(value instanceof List<?> list) || list.isEmpty() || list.stream().anyMatch(v -> !(v instanceof Integer
                days) || days < 1 || days > AlertsAsked.MAX_DAYS_AHEAD)) {
            throw bad("bad-days-ahead", "Days ahead out of range", "'daysAhead' is a list of whole numbers from 1 "
                    + "to " + AlertsAsked.MAX_DAYS_AHEAD + ": the days before a deadline to be warned, e.g. [90, 30].");
        }
        return list.stream().map(v -> (Integer) v).distinct().sorted(Comparator.reverseOrder()).toList();
    }

    @GetMapping
    public List<Map<String, Object>> list(Principal principal) {
        return subscriptions.ofOwner(principal.getName()).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    public Map<String, Object> one(@PathVariable String id, Principal principal) {
        Subscriptions.Subscription subscription = owned(id, principal);
        Map<String, Object> view = view(subscription);
        view.put("queued", deliveries.queued(subscription.id()));
        return view;
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> unsubscribe(@PathVariable String id, Principal principal) {
        owned(id, principal);
        subscriptions.delete(id, principal.getName());
        outbox.dropAll(id);
        alerts.ifPresent(a -> a.dropAll(id));
        return ResponseEntity.noContent().build();
    }

    /** A new secret; the previous one signs too for {@link #ROTATION_OVERLAP}. */
    @PostMapping("/{id}/secret")
    public Map<String, Object> rotate(@PathVariable String id, Principal principal) {
        Subscriptions.Subscription rotated = subscriptions.rotate(owned(id, principal), ROTATION_OVERLAP);
        Map<String, Object> answer = view(rotated);
        answer.put("secret", rotated.secrets().get(0).secret());
        answer.put("previousSecretValidUntil", rotated.secrets().size() > 1 ? rotated.secrets().get(1).until()
                .toString() : null);
        return answer;
    }

    /** A disabled subscription active again, once its receiver validates again; its queued entries go on. */
    @PostMapping("/{id}/enable")
    public Map<String, Object> enable(@PathVariable String id, Principal principal) {
        Subscriptions.Subscription subscription = owned(id, principal);
        receivers.handshake(subscription.url()).ifPresent(why -> {
            throw new ProblemException(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "receiver-not-validated",
                    "Receiver did not validate", why));
        });
        subscriptions.enable(id);
        return view(subscriptions.find(id).orElseThrow());
    }

    /**
     * What the subscription selects as an Atom feed (its events among the latest stored, and the alerts it was
     * sent), for a person to follow in a feed reader as well as, or instead of, a receiver.
     */
    @GetMapping(value = "/{id}/feed", produces = AtomFeed.TYPE)
    public String feed(@PathVariable String id, Principal principal, HttpServletRequest request) {
        Subscriptions.Subscription subscription = owned(id, principal);
        List<AtomFeed.Entry> entries = new ArrayList<>(feeds.latest(e -> e.position() > subscription.fromPosition()
                && subscription.selection().selects(e.type(), e.payload().iso3())));
        alerts.ifPresent(a -> a.sent(id, Feeds.ENTRIES).forEach(alert -> entries.add(AlertsAsked.entry(alert))));
        entries.sort(Comparator.comparing(AtomFeed.Entry::updated).reversed());
        return AtomFeed.write(AtomFeed.TAG + "subscription/" + id, "Treaty Registry: subscription " + id,
                request.getRequestURI(), subscription.createdAt(), entries.stream().limit(Feeds.ENTRIES).toList());
    }

    /** Every attempt, newest first. */
    @GetMapping("/{id}/deliveries")
    public List<Document> deliveries(@PathVariable String id, @RequestParam(defaultValue = "100") int limit,
                                     Principal principal) {
        owned(id, principal);
        if (limit < 1 || limit > 1000) {
            throw new ProblemException(Problems.badParameter("limit", limit, "between 1 and 1000"));
        }
        return deliveries.log(id, limit).stream().map(d -> {
            Document attempt = new Document(d);
            attempt.remove("_id");
            attempt.remove("entry");
            attempt.put("at", d.getDate("at").toInstant().toString());
            return attempt;
        }).toList();
    }

    /**
     * Queues again the events it selects at store positions {@code fromPosition} to {@code toPosition}, both
     * included, or recorded from {@code fromKnownAt} up to (not including) {@code toKnownAt} (instants in UTC).
     */
    @PostMapping("/{id}/replay")
    public ResponseEntity<Map<String, Object>> replay(@PathVariable String id, @RequestBody Map<String, Object> body,
                                                      Principal principal) {
        Subscriptions.Subscription subscription = owned(id, principal);
        long head = store.headPosition();
        boolean byTime = body.containsKey("fromKnownAt") || body.containsKey("toKnownAt");
        if (byTime && (body.containsKey("fromPosition") || body.containsKey("toPosition"))) {
            throw bad("invalid-range", "Invalid range", "A replay covers positions (fromPosition, toPosition) or "
                    + "recording instants (fromKnownAt, toKnownAt), not both.");
        }
        long from = byTime ? firstAt(instant(body.get("fromKnownAt"), "fromKnownAt"))
                : position(body.get("fromPosition"), "fromPosition");
        long to = byTime ? (body.containsKey("toKnownAt") ? firstAt(instant(body.get("toKnownAt"), "toKnownAt")) - 1
                : head) : body.containsKey("toPosition") ? position(body.get("toPosition"), "toPosition") : head;
        if (byTime && to < from && from >= 1) {
            // A period in which nothing was recorded: nothing to send again, which is no error.
            return ResponseEntity.accepted().body(Map.of("subscription", id, "queued", 0, "note", "Nothing was "
                    + "recorded in the period asked; the store's head is " + head + "."));
        }
        if (from < 1 || to < from || to - from >= MAX_REPLAY) {
            throw bad("invalid-range", "Invalid range", "A replay covers positions fromPosition to toPosition, "
                    + "1 <= fromPosition <= toPosition, at most " + MAX_REPLAY + " of them (asked: " + from + " to "
                    + to + "; the store's head is " + head + ")" + (byTime ? ", found for the instants asked." : "."));
        }
        long queued = queueRange(subscription.from(from - 1), from - 1, to);
        return ResponseEntity.accepted().body(Map.of("subscription", id, "fromPosition", from, "toPosition", to,
                "queued", queued));
    }

    /** The first store position recorded at or after the instant (the head's next if none is). */
    private long firstAt(Instant instant) {
        return ((GapAwareTrackingToken) store.createTokenAt(instant)).getIndex() + 1;
    }

    private static Instant instant(Object value, String field) {
        if (value instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                // Refused below, saying what is expected.
            }
        }
        throw bad("bad-request", "Bad request", "'" + field + "' is an instant in UTC, e.g. 2026-12-06T00:00:00Z.");
    }

    /** The key that verifies the {@code v1a} signatures of every delivery of this service. */
    @GetMapping("/signing-key")
    public Map<String, String> signingKey() {
        return Map.of("publicKey", signingPublicKey, "scheme", "Standard Webhooks v1a (Ed25519)");
    }

    /** Queues the events after {@code after} up to {@code to} that the subscription selects. */
    private long queueRange(Subscriptions.Subscription subscription, long after, long to) {
        if (to <= after) {
            return 0;
        }
        long[] queued = {0};
        try (var events = store.readEvents(GapAwareTrackingToken.newInstance(after, List.of()), false)) {
            // A State's event held back behind an earlier one still landing comes after later positions: read a
            // little past the range so that it is not missed.
            events.takeWhile(e -> MongoEventStorageEngine.storedPosition(e, e.trackingToken()) <= to + READ_PAST)
                    .filter(e -> MongoEventStorageEngine.storedPosition(e, e.trackingToken()) <= to)
                    .forEach(e -> queued[0] += queue(subscription, e));
        }
        return queued[0];
    }

    private int queue(Subscriptions.Subscription subscription, TrackedEventMessage<?> event) {
        if (!(event.getPayload() instanceof StateEvent payload) || !(event instanceof DomainEventMessage<?> domain)) {
            return 0;
        }
        return outbox.queue(domain, payload, MongoEventStorageEngine.storedPosition(event, event.trackingToken()),
                subscription);
    }

    private Subscriptions.Subscription owned(String id, Principal principal) {
        return subscriptions.owned(id, principal.getName()).orElseThrow(() -> new ProblemException(Problems.of(
                HttpStatus.NOT_FOUND, "subscription-not-found", "No such subscription", "You have no subscription '"
                        + id + "' here; GET /api/{service}/subscriptions lists yours.")));
    }

    private Map<String, Object> view(Subscriptions.Subscription s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", s.id());
        view.put("url", s.url().toString());
        view.put("events", s.selection().events());
        view.put("types", s.selection().types());
        view.put("states", s.selection().states());
        view.put("alerts", s.selection().alerts());
        view.put("daysAhead", s.selection().daysAhead());
        view.put("fromPosition", s.fromPosition());
        view.put("status", s.status());
        view.put("disabledBecause", s.disabledBecause());
        view.put("failingSince", s.failingSince() == null ? null : s.failingSince().toString());
        view.put("createdAt", s.createdAt().toString());
        view.put("signingPublicKey", signingPublicKey);
        view.put("feed", "/api/" + service + "/subscriptions/" + s.id() + "/feed");
        return view;
    }

    private static URI url(Object value) {
        if (!(value instanceof String text)) {
            throw bad("bad-subscription", "Bad subscription", "'url' is required: the receiver's https:// URL.");
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw bad("bad-subscription", "Bad subscription", "'url' is not a URL: " + e.getMessage());
        }
    }

    private static Set<String> strings(Map<String, Object> body, String field) {
        Object value = body.get(field);
        Set<String> values = new TreeSet<>();
        if (value == null) {
            return values;
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
            throw bad("bad-subscription", "Bad subscription", "'" + field + "' is a list of strings.");
        }
        list.forEach(v -> values.add((String) v));
        return values;
    }

    /** {@code "now"} (or absent): the head; a position: after it. */
    private static long from(Object value, long head) {
        if (value == null || "now".equals(value)) {
            return head;
        }
        long position = position(value, "from");
        if (position < 0 || position > head) {
            throw bad("bad-subscription", "Bad subscription", "'from' is \"now\" or a store position from 0 to "
                    + head + " (the head): deliveries start after it.");
        }
        return position;
    }

    /** A whole number, as JSON reads it: no string, no fraction. */
    private static long position(Object value, String field) {
        if (!(value instanceof Integer || value instanceof Long)) {
            throw bad("bad-request", "Bad request", "'" + field + "' is a store position, a whole number.");
        }
        return ((Number) value).longValue();
    }

    private static ProblemException bad(String type, String title, String detail) {
        return new ProblemException(Problems.of(HttpStatus.BAD_REQUEST, type, title, detail));
    }
}
