package org.treatyregistry.indicators.participation;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.platform.kafka.InboundEvent;
import org.treatyregistry.platform.kafka.InboundEventHandler;

/** Each State's entry into force, from the registry's events; one document per State, replaced whole. */
@Component
public class ParticipantsProjection implements InboundEventHandler {

    private final MongoCollection<Document> participants;

    public ParticipantsProjection(MongoDatabase serviceDatabase) {
        this.participants = serviceDatabase.getCollection("participants");
    }

    @Override
    public void on(InboundEvent event) {
        if (event.payload() instanceof InstrumentDeposited deposited) {
            participants.replaceOne(eq("_id", deposited.iso3()), new Document("_id", deposited.iso3())
                            .append("entryIntoForce", deposited.entryIntoForce().toString()),
                    new ReplaceOptions().upsert(true));
        }
    }

    public List<StatesParties.Participant> all() {
        List<StatesParties.Participant> all = new ArrayList<>();
        for (Document d : participants.find()) {
            all.add(new StatesParties.Participant(d.getString("_id"), LocalDate.parse(d.getString("entryIntoForce"))));
        }
        return all;
    }
}
