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
import java.time.LocalDate;
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
import org.treatyregistry.platform.failures.BatchEnd;
import org.treatyregistry.reporting.record.ReportingStream;

/**
 * The read model of land release, built for the high-volume stream (decision 0008). All documents are read and
 * written by {@code _id} only (equality or {@code $in}), which every MongoDB, mongo-java-server included, serves
 * from the primary index; and no document grows with the whole stream, because mongo-java-server copies a
 * document whole on every update:
 * <ul>
 *   <li>{@code areas}: one per hazardous area with its events (the drill-down, and the status and kind of
 *       contamination a release is booked against);</li>
 *   <li>{@code contamination_months}: one per State and month of the facts' dates, one compact row per event keyed
 *       by its event id, so that a redelivered event overwrites itself;</li>
 *   <li>{@code contamination_years}: one per State and year: its months, its last recording time, and once
 *       computed its totals, which a new row drops in the same single-document update;</li>
 *   <li>{@code contaminated_states}: one per State with its years.</li>
 * </ul>
 * Events handled in one processor batch are written together, one update per document, at the end of the batch and
 * before its token is stored ({@link BatchEnd}): a crash or a failed write in between leaves the token behind, and
 * the batch is written again, idempotently.
 */
@Component
@ProcessingGroup("contamination")
public class ContaminationProjection {

    private static final String BATCH = ContaminationProjection.class.getName() + ".batch";

    private final MongoCollection<Document> areas;
    private final MongoCollection<Document> months;
    private final MongoCollection<Document> years;
    private final MongoCollection<Document> states;

    public ContaminationProjection(MongoDatabase serviceDatabase) {
        this.areas = serviceDatabase.getCollection("areas");
        this.months = serviceDatabase.getCollection("contamination_months");
        this.years = serviceDatabase.getCollection("contamination_years");
        this.states = serviceDatabase.getCollection("contaminated_states");
    }

    /** An event with its id and recording time, as the event store gave it. */
    public record Recorded(String eventId, Instant recordedAt, StateEvent event) {
    }

    @EventHandler
    void on(HazardousAreaRecorded event, EventMessage<?> message) {
        enqueue(new Recorded(message.getIdentifier(), message.getTimestamp(), event));
    }

    @EventHandler
    void on(LandReleased event, EventMessage<?> message) {
        enqueue(new Recorded(message.getIdentifier(), message.getTimestamp(), event));
    }

    /** Collects the events of the processor's batch, written at its end; an event handled alone is written at once. */
    private void enqueue(Recorded recorded) {
        List<Recorded> batch = BatchEnd.defer(BATCH, ArrayList::new, this::project);
        if (batch == null) {
            project(List.of(recorded));
        } else {
            batch.add(recorded);
        }
    }

    @ResetHandler
    void reset() {
        for (MongoCollection<Document> collection : List.of(areas, months, years, states)) {
            collection.deleteMany(new Document());
        }
    }

    static String yearId(String iso3, int year) {
        return iso3 + "|" + year;
    }

    static String monthId(String iso3, int year, int month) {
        return yearId(iso3, year) + "|" + month;
    }

    /**
     * Books events in order; idempotent (rows are set by event id, area events added to a set), so a redelivered
     * event changes nothing. Rows are written before areas, so an area never shows an event its rows lack.
     */
    public void project(List<Recorded> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, Document> kinds = kindsOfAreas(events);
        Map<String, Document> monthRows = new LinkedHashMap<>();
        Map<String, YearChange> yearChanges = new LinkedHashMap<>();
        Map<String, AreaChange> areaChanges = new LinkedHashMap<>();
        for (Recorded recorded : events) {
            StateEvent event = recorded.event();
            String area = ReportingStream.of(event);
            Document kind = kinds.get(area);
            if (kind == null) {
                throw new IllegalStateException("release " + recorded.eventId() + " of unknown area " + area);
            }
            LocalDate date = event.effectiveDate();
            Date at = Date.from(recorded.recordedAt());
            Document areaEvent = new Document("eventId", recorded.eventId()).append("date", date.toString())
                    .append("recordedAt", at);
            String kindOfFact;
            long m2;
            long mines;
            if (event instanceof LandReleased released) {
                kindOfFact = released.method().name();
                m2 = released.m2();
                mines = released.minesDestroyed();
                areaEvent.append("kind", kindOfFact).append("m2", m2).append("minesDestroyed", mines);
            } else {
                HazardousAreaRecorded identified = (HazardousAreaRecorded) event;
                kindOfFact = ContaminationTotals.IDENTIFIED;
                m2 = identified.sizeM2();
                mines = 0;
                areaEvent.append("kind", kindOfFact).append("m2", m2);
                areaChanges.computeIfAbsent(area, k -> new AreaChange()).identified = identified;
            }
            areaChanges.computeIfAbsent(area, k -> new AreaChange()).events.add(areaEvent);
            monthRows.computeIfAbsent(monthId(event.iso3(), date.getYear(), date.getMonthValue()), k -> new Document())
                    .append("rows." + recorded.eventId(), ContaminationTotals.row(date, recorded.recordedAt(),
                            kind.getString("status"), kind.getString("contamination"), kindOfFact, m2, mines));
            YearChange year = yearChanges.computeIfAbsent(yearId(event.iso3(), date.getYear()),
                    k -> new YearChange(event.iso3(), date.getYear()));
            year.months.add(date.getMonthValue());
            year.lastRecorded = year.lastRecorded == null || at.after(year.lastRecorded) ? at : year.lastRecorded;
        }
        write(monthRows, yearChanges, areaChanges);
    }

    private void write(Map<String, Document> monthRows, Map<String, YearChange> yearChanges,
                       Map<String, AreaChange> areaChanges) {
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        BulkWriteOptions inOrder = new BulkWriteOptions().ordered(true);
        List<WriteModel<Document>> monthWrites = new ArrayList<>();
        monthRows.forEach((id, rows) -> monthWrites.add(new UpdateOneModel<>(eq("_id", id),
                new Document("$set", rows), upsert)));
        months.bulkWrite(monthWrites, inOrder);

        List<WriteModel<Document>> yearWrites = new ArrayList<>();
        Map<String, YearChange> byState = new LinkedHashMap<>();
        yearChanges.forEach((id, change) -> {
            yearWrites.add(new UpdateOneModel<>(eq("_id", id), Updates.combine(
                    Updates.addEachToSet("months", List.copyOf(change.months)), Updates.unset("totals"),
                    Updates.inc("version", 1), Updates.max("maxRecordedAt", change.lastRecorded),
                    Updates.setOnInsert("iso3", change.iso3), Updates.setOnInsert("year", change.year)), upsert));
            byState.merge(change.iso3, change, (a, b) -> a);
        });
        years.bulkWrite(yearWrites, inOrder);

        List<WriteModel<Document>> stateWrites = new ArrayList<>();
        byState.keySet().forEach(iso3 -> stateWrites.add(new UpdateOneModel<>(eq("_id", iso3),
                Updates.addEachToSet("years", yearChanges.values().stream().filter(c -> c.iso3.equals(iso3))
                        .map(c -> c.year).distinct().toList()), upsert)));
        states.bulkWrite(stateWrites, inOrder);

        List<WriteModel<Document>> areaWrites = new ArrayList<>();
        areaChanges.forEach((id, change) -> {
            List<Bson> updates = new ArrayList<>();
            updates.add(Updates.addEachToSet("events", change.events));
            HazardousAreaRecorded a = change.identified;
            if (a != null) {
                updates.addAll(List.of(Updates.setOnInsert("iso3", a.iso3()), Updates.setOnInsert("areaId", a.areaId()),
                        Updates.setOnInsert("status", a.status().name()),
                        Updates.setOnInsert("contamination", a.contamination().name()),
                        Updates.setOnInsert("sizeM2", a.sizeM2()),
                        Updates.setOnInsert("identifiedOn", a.identifiedOn().toString()),
                        Updates.setOnInsert("foundAfterCompletion", a.foundAfterCompletion())));
            }
            areaWrites.add(new UpdateOneModel<>(eq("_id", id), Updates.combine(updates), upsert));
        });
        areas.bulkWrite(areaWrites, inOrder);
    }

    private static final class YearChange {
        final String iso3;
        final int year;
        final TreeSet<Integer> months = new TreeSet<>();
        Date lastRecorded;

        YearChange(String iso3, int year) {
            this.iso3 = iso3;
            this.year = year;
        }
    }

    private static final class AreaChange {
        final List<Document> events = new ArrayList<>();
        HazardousAreaRecorded identified;
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

    /** Year documents by id (small: months, last recording, totals when computed). */
    List<Document> years(List<String> ids) {
        List<Document> found = new ArrayList<>();
        years.find(in("_id", ids)).forEach(found::add);
        return found;
    }

    /** Month documents by id, with their rows. */
    List<Document> months(List<String> ids) {
        List<Document> found = new ArrayList<>();
        months.find(in("_id", ids)).forEach(found::add);
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
