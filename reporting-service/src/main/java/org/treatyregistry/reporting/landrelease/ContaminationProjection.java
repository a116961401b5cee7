package org.treatyregistry.reporting.landrelease;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.contract.landrelease.LandReleased;
import org.treatyregistry.reporting.record.ReportingStream;

/**
 * The read model of land release, built for the high-volume stream (decision 0008). Three collections, all
 * read and written by {@code _id} only (equality or {@code $in}), which every MongoDB, mongo-java-server
 * included, serves from the primary index:
 * <ul>
 *   <li>{@code areas}: one document per hazardous area with its events (the drill-down, and the status and kind
 *       of contamination a release is booked against);</li>
 *   <li>{@code contamination_years}: one document per State and year of the facts' dates, holding one row per
 *       event (keyed by event id, so a redelivered event overwrites itself) and, once computed, the year's
 *       totals; a new row drops the totals in the same single-document update;</li>
 *   <li>{@code contaminated_states}: one document per State listing its years.</li>
 * </ul>
 */
@Component
@ProcessingGroup("contamination")
public class ContaminationProjection {

    private final MongoCollection<Document> areas;
    private final MongoCollection<Document> years;
    private final MongoCollection<Document> states;

    public ContaminationProjection(MongoDatabase serviceDatabase) {
        this.areas = serviceDatabase.getCollection("areas");
        this.years = serviceDatabase.getCollection("contamination_years");
        this.states = serviceDatabase.getCollection("contaminated_states");
    }

    /** An event with its id and recording time, as the event store gave it. */
    public record Recorded(String eventId, Instant recordedAt, StateEvent event) {
    }

    @EventHandler
    void on(HazardousAreaRecorded event, EventMessage<?> message) {
        project(List.of(new Recorded(message.getIdentifier(), message.getTimestamp(), event)));
    }

    @EventHandler
    void on(LandReleased event, EventMessage<?> message) {
        project(List.of(new Recorded(message.getIdentifier(), message.getTimestamp(), event)));
    }

    @ResetHandler
    void reset() {
        areas.deleteMany(new Document());
        years.deleteMany(new Document());
        states.deleteMany(new Document());
    }

    static String yearId(String iso3, int year) {
        return iso3 + "|" + year;
    }

    /**
     * Books events in order; idempotent (rows are set by event id, area events added to a set), so a redelivered
     * event changes nothing. Year rows are written before the area, so an area never shows an event its year lacks.
     */
    public void project(List<Recorded> events) {
        Map<String, Document> kinds = kindsOfAreas(events);
        List<WriteModel<Document>> yearWrites = new ArrayList<>();
        List<WriteModel<Document>> areaWrites = new ArrayList<>();
        Map<String, TreeSet<Integer>> yearsByState = new LinkedHashMap<>();
        Map<String, Date> lastRecorded = new HashMap<>();
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        for (Recorded recorded : events) {
            StateEvent event = recorded.event();
            String area = ReportingStream.of(event);
            Document kind = kinds.get(area);
            if (kind == null) {
                throw new IllegalStateException("release " + recorded.eventId() + " of unknown area " + area);
            }
            Date at = Date.from(recorded.recordedAt());
            int year = event.effectiveDate().getYear();
            Document row = new Document("d", (int) event.effectiveDate().toEpochDay()).append("r", at)
                    .append("s", kind.getString("status")).append("c", kind.getString("contamination"));
            Document areaEvent = new Document("eventId", recorded.eventId()).append("date", event.effectiveDate().toString())
                    .append("recordedAt", at);
            if (event instanceof LandReleased released) {
                row.append("k", released.method().name()).append("m", released.m2()).append("n", released.minesDestroyed());
                areaEvent.append("kind", released.method().name()).append("m2", released.m2())
                        .append("minesDestroyed", released.minesDestroyed());
                areaWrites.add(new UpdateOneModel<>(eq("_id", area), Updates.addToSet("events", areaEvent)));
            } else {
                HazardousAreaRecorded identified = (HazardousAreaRecorded) event;
                row.append("k", ContaminationTotals.IDENTIFIED).append("m", identified.sizeM2()).append("n", 0L);
                areaEvent.append("kind", ContaminationTotals.IDENTIFIED).append("m2", identified.sizeM2());
                areaWrites.add(new UpdateOneModel<>(eq("_id", area), Updates.combine(
                        Updates.setOnInsert("iso3", identified.iso3()), Updates.setOnInsert("areaId", identified.areaId()),
                        Updates.setOnInsert("status", kind.getString("status")),
                        Updates.setOnInsert("contamination", kind.getString("contamination")),
                        Updates.setOnInsert("sizeM2", identified.sizeM2()),
                        Updates.setOnInsert("identifiedOn", identified.identifiedOn().toString()),
                        Updates.setOnInsert("foundAfterCompletion", identified.foundAfterCompletion()),
                        Updates.addToSet("events", areaEvent)), upsert));
            }
            yearWrites.add(new UpdateOneModel<>(eq("_id", yearId(event.iso3(), year)), Updates.combine(
                    Updates.set("rows." + recorded.eventId(), row), Updates.unset("totals"), Updates.inc("version", 1),
                    Updates.max("maxRecordedAt", at), Updates.setOnInsert("iso3", event.iso3()),
                    Updates.setOnInsert("year", year)), upsert));
            yearsByState.computeIfAbsent(event.iso3(), k -> new TreeSet<>()).add(year);
            lastRecorded.merge(event.iso3(), at, (a, b) -> a.after(b) ? a : b);
        }
        List<WriteModel<Document>> stateWrites = new ArrayList<>();
        yearsByState.forEach((iso3, stateYears) -> stateWrites.add(new UpdateOneModel<>(eq("_id", iso3),
                Updates.combine(Updates.addEachToSet("years", List.copyOf(stateYears)),
                        Updates.max("maxRecordedAt", lastRecorded.get(iso3))), upsert)));
        BulkWriteOptions inOrder = new BulkWriteOptions().ordered(true);
        if (!yearWrites.isEmpty()) {
            years.bulkWrite(yearWrites, inOrder);
            states.bulkWrite(stateWrites, inOrder);
            areas.bulkWrite(areaWrites, inOrder);
        }
    }

    /** The status and kind of contamination of every area the events concern: from the batch, else the store. */
    private Map<String, Document> kindsOfAreas(List<Recorded> events) {
        Map<String, Document> kinds = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Recorded recorded : events) {
            if (recorded.event() instanceof HazardousAreaRecorded a) {
                kinds.put(ReportingStream.of(a), new Document("status", a.status().name())
                        .append("contamination", a.contamination().name()));
            } else if (!kinds.containsKey(ReportingStream.of(recorded.event()))) {
                missing.add(ReportingStream.of(recorded.event()));
            }
        }
        if (!missing.isEmpty()) {
            for (Document area : areas.find(in("_id", missing)).projection(new Document("status", 1)
                    .append("contamination", 1))) {
                kinds.putIfAbsent(area.getString("_id"), area);
            }
        }
        return kinds;
    }

    // --- reads ---

    Document state(String iso3) {
        return states.find(eq("_id", iso3)).first();
    }

    List<Document> allStates() {
        List<Document> all = new ArrayList<>();
        states.find().forEach(all::add);
        return all;
    }

    /** Year documents by id, without their rows. */
    List<Document> yearHeads(List<String> ids) {
        List<Document> heads = new ArrayList<>();
        years.find(in("_id", ids)).projection(new Document("rows", 0)).forEach(heads::add);
        return heads;
    }

    /** Year documents by id, with their rows. */
    List<Document> yearsWithRows(List<String> ids) {
        List<Document> found = new ArrayList<>();
        years.find(in("_id", ids)).forEach(found::add);
        return found;
    }

    /** Keeps computed totals, unless a row arrived meanwhile (the version moved on). */
    void keepTotals(String yearId, int version, Document totals) {
        Bson unchanged = com.mongodb.client.model.Filters.and(eq("_id", yearId), eq("version", version));
        years.updateOne(unchanged, Updates.set("totals", totals));
    }

    Document area(String iso3, String areaId) {
        return areas.find(eq("_id", ReportingStream.areaStream(iso3, areaId))).first();
    }
}
