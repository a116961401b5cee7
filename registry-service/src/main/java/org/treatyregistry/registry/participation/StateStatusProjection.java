package org.treatyregistry.registry.participation;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;

/**
 * The participation facts of each State, one document per State, from which any date's status is computed.
 * Writes are replacements keyed by the State, so replaying an event leaves the same document.
 */
@Component
@ProcessingGroup(StateStatusProjection.PROCESSING_GROUP)
public class StateStatusProjection {

    public static final String PROCESSING_GROUP = "state-status";
    static final String COLLECTION = "state_status";

    private final MongoCollection<Document> states;

    public StateStatusProjection(MongoDatabase serviceDatabase) {
        this.states = serviceDatabase.getCollection(COLLECTION);
    }

    @EventHandler
    void on(InstrumentDeposited event, @Timestamp Instant recordedAt) {
        states.replaceOne(eq("_id", event.iso3()), new Document("_id", event.iso3())
                        .append("name", event.stateName())
                        .append("instrumentType", event.instrumentType().name())
                        .append("instrumentDate", event.depositDate().toString())
                        .append("entryIntoForce", event.entryIntoForce().toString())
                        .append("provisionalApplication", event.provisionalApplication())
                        .append("sourceReference", event.sourceReference())
                        .append("recordedAt", Date.from(recordedAt)),
                new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        states.deleteMany(new Document());
    }

    public Optional<StateRecord> find(String iso3) {
        return Optional.ofNullable(states.find(eq("_id", iso3)).first()).map(StateStatusProjection::toRecord);
    }

    public List<StateRecord> all() {
        List<StateRecord> records = new ArrayList<>();
        for (Document document : states.find().sort(new Document("_id", 1))) {
            records.add(toRecord(document));
        }
        return records;
    }

    private static StateRecord toRecord(Document d) {
        return new StateRecord(d.getString("_id"), d.getString("name"),
                InstrumentType.valueOf(d.getString("instrumentType")), LocalDate.parse(d.getString("instrumentDate")),
                LocalDate.parse(d.getString("entryIntoForce")), d.getBoolean("provisionalApplication"),
                d.getString("sourceReference"), d.getDate("recordedAt").toInstant());
    }

    /** What the registry holds on a State's participation. */
    public record StateRecord(String iso3, String name, InstrumentType instrumentType, LocalDate instrumentDate,
                              LocalDate entryIntoForce, boolean provisionalApplication, String sourceReference,
                              Instant recordedAt) {

        public ParticipationStatus statusOn(LocalDate date) {
            return ParticipationStatus.on(date, instrumentDate, entryIntoForce);
        }
    }
}
