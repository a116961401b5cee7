package org.treatyregistry.registry.participation;

import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.platform.kafka.CloudEventCodec;

/**
 * Every State's recorded facts, one document per State, each fact with its event id, the time it was recorded
 * and who posted it. Reads rebuild a {@link StateHistory} from the facts recorded by their {@code knownAt} and
 * compute any date's answer from it, so one document answers every {@code asOf} and every {@code knownAt}.
 * A fact already present (by event id) is not added again, so replays and redeliveries change nothing.
 */
@Component
@ProcessingGroup(RegistryProjection.PROCESSING_GROUP)
public class RegistryProjection {

    public static final String PROCESSING_GROUP = "registry-facts";

    private final MongoCollection<Document> states;
    private final ObjectMapper json;

    RegistryProjection(MongoDatabase serviceDatabase, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.states = serviceDatabase.getCollection("registry_facts");
        this.json = json;
    }

    @EventHandler
    void on(StateEvent event, EventMessage<?> message, @Timestamp Instant recordedAt) throws JsonProcessingException {
        Document state = Optional.ofNullable(states.find(eq("_id", event.iso3())).first())
                .orElseGet(() -> new Document("_id", event.iso3()).append("facts", new ArrayList<Document>()));
        List<Document> facts = state.getList("facts", Document.class);
        if (facts.stream().anyMatch(f -> message.getIdentifier().equals(f.getString("eventId")))) {
            return;
        }
        Object principal = message.getMetaData().get(CloudEventCodec.PRINCIPAL);
        facts.add(new Document("eventId", message.getIdentifier())
                .append("type", EventCatalog.typeOf(event.getClass()))
                .append("recordedAt", Date.from(recordedAt))
                .append("principal", principal == null ? null : principal.toString())
                .append("payload", json.writeValueAsString(event)));
        states.replaceOne(eq("_id", event.iso3()), state.append("facts", facts), new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        states.deleteMany(new Document());
    }

    /** Every State's facts as recorded, in recording order. */
    public List<RecordedState> all() {
        List<RecordedState> all = new ArrayList<>();
        for (Document state : states.find().sort(new Document("_id", 1))) {
            all.add(toRecordedState(state));
        }
        return all;
    }

    public Optional<RecordedState> find(String iso3) {
        return Optional.ofNullable(states.find(eq("_id", iso3)).first()).map(this::toRecordedState);
    }

    private RecordedState toRecordedState(Document state) {
        List<RecordedFact> facts = new ArrayList<>();
        for (Document f : state.getList("facts", Document.class)) {
            Class<? extends StateEvent> type = EventCatalog.classOf(f.getString("type")).orElseThrow();
            try {
                facts.add(new RecordedFact(new Fact(f.getString("eventId"), f.getDate("recordedAt").toInstant(),
                        json.readValue(f.getString("payload"), type)), f.getString("principal")));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable fact " + f.getString("eventId"), e);
            }
        }
        return new RecordedState(state.getString("_id"), facts);
    }

    public record RecordedFact(Fact fact, String principal) {
    }

    public record RecordedState(String iso3, List<RecordedFact> facts) {

        /** The State's history as the record stood at {@code knownAt}. */
        public StateHistory knownAt(Instant knownAt) {
            return StateHistory.of(iso3, facts.stream().map(RecordedFact::fact)
                    .filter(f -> !f.recordedAt().isAfter(knownAt)).toList());
        }
    }
}
