package org.treatyregistry.platform.subscriptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.platform.eventstore.MongoEventStorageEngine;
import org.treatyregistry.platform.kafka.CloudEventCodec;
import org.treatyregistry.platform.web.AtomFeed;

/**
 * The service's latest events as Atom entries, for feeds a person's reader follows: read from the store backwards in
 * chunks until a feed's worth is found or {@link #REACH} positions were read, so a feed costs a bounded read however
 * large the store. An entry's id is its event's id; its link the console's page of the State as recorded then.
 */
public class Feeds {

    /** Entries per feed. */
    static final int ENTRIES = 50;
    private static final long CHUNK = 5_000;
    /** How far back a feed looks: a feed is for what is new; the API and the console have the whole record. */
    static final long REACH = 100_000;

    /** A stored event as a feed sees it. */
    public record Stored(StateEvent payload, String type, long position, TrackedEventMessage<?> message) {
    }

    private final MongoEventStorageEngine store;
    private final ObjectMapper json;

    public Feeds(MongoEventStorageEngine store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** The latest {@link #ENTRIES} events {@code wanted} selects among the last {@link #REACH} stored, newest first. */
    public List<AtomFeed.Entry> latest(Predicate<Stored> wanted) {
        List<Stored> found = new ArrayList<>();
        long head = store.headPosition();
        long end = head;
        while (found.size() < ENTRIES && end > 0 && head - end < REACH) {
            long start = Math.max(0, end - CHUNK);
            long last = end;
            try (var events = store.readEvents(GapAwareTrackingToken.newInstance(start, List.of()), false)) {
                events.takeWhile(e -> MongoEventStorageEngine.storedPosition(e, e.trackingToken()) <= last)
                        .forEach(e -> {
                            if (e.getPayload() instanceof StateEvent payload) {
                                Stored stored = new Stored(payload, EventCatalog.typeOf(payload.getClass()),
                                        MongoEventStorageEngine.storedPosition(e, e.trackingToken()), e);
                                if (wanted.test(stored)) {
                                    found.add(stored);
                                }
                            }
                        });
            }
            end = start;
        }
        return found.stream().sorted(Comparator.comparingLong(Stored::position).reversed()).limit(ENTRIES)
                .map(this::entry).toList();
    }

    private AtomFeed.Entry entry(Stored stored) {
        StateEvent payload = stored.payload();
        String recorded = stored.message().getTimestamp().toString();
        Object principal = stored.message().getMetaData().get(CloudEventCodec.PRINCIPAL);
        String content;
        try {
            content = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + stored.message().getIdentifier(), e);
        }
        return new AtomFeed.Entry("urn:uuid:" + stored.message().getIdentifier(), payload.iso3() + ": "
                + stored.type().substring(stored.type().lastIndexOf('.') + 1) + " of " + payload.effectiveDate(),
                stored.message().getTimestamp(), "/#/state/" + payload.iso3() + "?knownAt=" + recorded,
                "Recorded " + recorded + (principal == null ? "" : " by " + principal) + ", store position "
                        + stored.position() + ".", stored.type(), content);
    }
}
