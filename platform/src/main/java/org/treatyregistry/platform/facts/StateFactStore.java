package org.treatyregistry.platform.facts;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.nin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.platform.failures.BatchEnd;

/**
 * Every State's facts, one document per State, each with its event id, recording time and principal: the read
 * model from which a service computes any date's answer as known at any time. Appending an event already
 * present (by id) changes nothing, so replays and redeliveries are harmless.
 */
public class StateFactStore {

    private static final String PENDING = StateFactStore.class.getName() + ".pending";

    private final MongoCollection<Document> states;
    private final ObjectMapper json;

    public StateFactStore(MongoDatabase database, String collection, ObjectMapper json) {
        this.states = database.getCollection(collection);
        this.json = json;
    }

    /** One State's facts, in recording order. */
    public record StoredState(String iso3, List<Fact> facts) {
    }

    /**
     * Adds the fact to its State's document unless the document holds its event id already: a redelivery changes
     * nothing, and two consumers appending to one State at once (a rebalance) cannot lose either fact. In a
     * processor's batch the facts wait for the batch's end and each State's are added in one update
     * ({@link BatchEnd}): a large State's document is rewritten once per batch, not once per fact.
     */
    public void append(Fact fact) {
        Map<String, Map<String, Document>> batch = BatchEnd.defer(PENDING + "@" + states.getNamespace(),
                LinkedHashMap::new,
                pending -> pending.forEach((iso3, facts) -> add(iso3, List.copyOf(facts.values()))));
        if (batch == null) {
            addOne(fact.event().iso3(), stored(fact));
        } else {
            batch.computeIfAbsent(fact.event().iso3(), iso3 -> new LinkedHashMap<>()).put(fact.eventId(), stored(fact));
        }
    }

    private Document stored(Fact fact) {
        try {
            return new Document("eventId", fact.eventId())
                    .append("type", EventCatalog.typeOf(fact.event().getClass()))
                    .append("recordedAt", Date.from(fact.recordedAt()))
                    .append("principal", fact.principal())
                    .append("payload", json.writeValueAsString(fact.event()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + fact.event(), e);
        }
    }

    /**
     * All of a State's facts in one update if its document holds none of them; if it holds some (a batch handled
     * again) or another consumer created it meanwhile, the upsert clashes on {@code _id} and they go one by one.
     */
    private void add(String iso3, List<Document> facts) {
        List<String> ids = facts.stream().map(fact -> fact.getString("eventId")).toList();
        try {
            states.updateOne(and(eq("_id", iso3), nin("facts.eventId", ids)), Updates.pushEach("facts", facts),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            facts.forEach(fact -> addOne(iso3, fact));
        }
    }

    /**
     * One conditional update: pushed only if the document does not hold the event id yet. When it does, the upsert
     * finds no match and its insert clashes on {@code _id}: the fact is there already.
     */
    private void addOne(String iso3, Document fact) {
        try {
            states.updateOne(and(eq("_id", iso3), ne("facts.eventId", fact.getString("eventId"))),
                    Updates.push("facts", fact), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** An event of this service's own store, with its id, recording time and the principal who posted it. */
    public void append(EventMessage<?> message) {
        append(Facts.of(message));
    }

    public void clear() {
        states.deleteMany(new Document());
    }

    /** Every State's facts, in recording order, States in ISO3 order. */
    public List<StoredState> all() {
        List<StoredState> all = new ArrayList<>();
        for (Document state : states.find().sort(new Document("_id", 1))) {
            all.add(toStoredState(state));
        }
        return all;
    }

    public Optional<StoredState> find(String iso3) {
        return Optional.ofNullable(states.find(eq("_id", iso3)).first()).map(this::toStoredState);
    }

    private StoredState toStoredState(Document state) {
        List<Fact> facts = new ArrayList<>();
        for (Document f : state.getList("facts", Document.class)) {
            Class<? extends StateEvent> type = EventCatalog.classOf(f.getString("type")).orElseThrow();
            try {
                facts.add(new Fact(f.getString("eventId"), f.getDate("recordedAt").toInstant(),
                        f.getString("principal"), json.readValue(f.getString("payload"), type)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable fact " + f.getString("eventId"), e);
            }
        }
        return new StoredState(state.getString("_id"), facts);
    }
}
