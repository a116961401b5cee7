package org.treatyregistry.reporting.landrelease;

import static com.mongodb.client.model.Filters.and;
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
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import org.treatyregistry.contract.landrelease.HazardousAreaRecorded;
import org.treatyregistry.reporting.record.ReportingStream;

/**
 * The land-release read model's MongoDB collections (decision 0008), read and written as typed records. Every
 * document is read and written by {@code _id} only (equality or {@code $in}), which every MongoDB, mongo-java-server
 * included, serves from the primary index; and no document grows with the whole stream, because mongo-java-server
 * copies a document whole on every update:
 * <ul>
 *   <li>{@code areas}: one per hazardous area with its events (the drill-down, and the status and kind of
 *       contamination a release is booked against);</li>
 *   <li>{@code contamination_months}: one per State and month of the facts' dates, one compact row per event keyed
 *       by its event id, so that a redelivered event overwrites itself;</li>
 *   <li>{@code contamination_years}: one per State and year: its months, its last recording time, and once
 *       computed its totals, which a new row drops in the same single-document update;</li>
 *   <li>{@code contaminated_states}: one per State with its years.</li>
 * </ul>
 */
@Component
class ContaminationStore {

    private final MongoCollection<Document> areas;
    private final MongoCollection<Document> months;
    private final MongoCollection<Document> years;
    private final MongoCollection<Document> states;

    ContaminationStore(MongoDatabase serviceDatabase) {
        this.areas = serviceDatabase.getCollection("areas");
        this.months = serviceDatabase.getCollection("contamination_months");
        this.years = serviceDatabase.getCollection("contamination_years");
        this.states = serviceDatabase.getCollection("contaminated_states");
    }

    /** A State with land-release facts, and the years of their dates. */
    record ContaminatedState(String iso3, List<Integer> years) {
    }

    /** A State's year: its months with rows, its last recording time, a version and, once computed, its totals. */
    record Year(String id, String iso3, int year, List<Integer> months, Instant maxRecordedAt, int version,
                Optional<ContaminationTotals> totals) {
    }

    /** A State's month: its rows by event id. */
    record Month(String id, Map<String, ContaminationTotals.Row> rows) {
    }

    /** The status and kind of contamination a release in an area is booked against. */
    record AreaKind(String status, String contamination) {
    }

    /** One event of an area as the drill-down shows it; {@code minesDestroyed} only for a release. */
    record AreaEvent(String eventId, String date, Instant recordedAt, String kind, long m2, Long minesDestroyed) {
    }

    /** An area as identified, and its events (a release is booked only against an area on record). */
    record Area(String iso3, String areaId, String status, String contamination, long sizeM2, String identifiedOn,
                boolean foundAfterCompletion, List<AreaEvent> events) {
    }

    /** What a batch of events changes in a year: the months with rows, the latest recording time. */
    record YearChange(String iso3, int year, SortedSet<Integer> months, Instant lastRecorded) {

        YearChange and(YearChange other) {
            SortedSet<Integer> both = new TreeSet<>(months);
            both.addAll(other.months);
            return new YearChange(iso3, year, both, lastRecorded.isAfter(other.lastRecorded) ? lastRecorded
                    : other.lastRecorded);
        }
    }

    /** What a batch of events changes in an area: its events, and its identification if among them. */
    record AreaChange(List<AreaEvent> events, HazardousAreaRecorded identified) {

        AreaChange and(AreaChange other) {
            List<AreaEvent> both = new ArrayList<>(events);
            both.addAll(other.events);
            return new AreaChange(both, other.identified != null ? other.identified : identified);
        }
    }

    static String yearId(String iso3, int year) {
        return iso3 + "|" + year;
    }

    static String monthId(String iso3, int year, int month) {
        return yearId(iso3, year) + "|" + month;
    }

    void clear() {
        for (MongoCollection<Document> collection : List.of(areas, months, years, states)) {
            collection.deleteMany(new Document());
        }
    }

    /** The kinds of the given areas that are on record. */
    Map<String, AreaKind> kindsOf(Collection<String> areaIds) {
        Map<String, AreaKind> kinds = new HashMap<>();
        if (!areaIds.isEmpty()) {
            for (Document area : areas.find(in("_id", areaIds)).projection(new Document("status", 1)
                    .append("contamination", 1))) {
                kinds.put(area.getString("_id"), new AreaKind(area.getString("status"),
                        area.getString("contamination")));
            }
        }
        return kinds;
    }

    /**
     * Writes a batch's changes, one update per document and idempotently (rows set by event id, area events added
     * to a set). Rows are written before areas, so an area never shows an event its rows lack.
     */
    void write(Map<String, Map<String, String>> monthRows, Collection<YearChange> yearChanges,
               Map<String, AreaChange> areaChanges) {
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        BulkWriteOptions inOrder = new BulkWriteOptions().ordered(true);
        List<WriteModel<Document>> monthWrites = new ArrayList<>();
        monthRows.forEach((id, rows) -> {
            Document set = new Document();
            rows.forEach((eventId, row) -> set.append("rows." + eventId, row));
            monthWrites.add(new UpdateOneModel<>(eq("_id", id), new Document("$set", set), upsert));
        });
        months.bulkWrite(monthWrites, inOrder);

        List<WriteModel<Document>> yearWrites = new ArrayList<>();
        Map<String, List<Integer>> yearsByState = new LinkedHashMap<>();
        for (YearChange change : yearChanges) {
            yearWrites.add(new UpdateOneModel<>(eq("_id", yearId(change.iso3(), change.year())), Updates.combine(
                    Updates.addEachToSet("months", List.copyOf(change.months())), Updates.unset("totals"),
                    Updates.inc("version", 1), Updates.max("maxRecordedAt", Date.from(change.lastRecorded())),
                    Updates.setOnInsert("iso3", change.iso3()), Updates.setOnInsert("year", change.year())), upsert));
            List<Integer> stateYears = yearsByState.computeIfAbsent(change.iso3(), k -> new ArrayList<>());
            if (!stateYears.contains(change.year())) {
                stateYears.add(change.year());
            }
        }
        years.bulkWrite(yearWrites, inOrder);

        List<WriteModel<Document>> stateWrites = new ArrayList<>();
        yearsByState.forEach((iso3, stateYears) -> stateWrites.add(new UpdateOneModel<>(eq("_id", iso3),
                Updates.addEachToSet("years", stateYears), upsert)));
        states.bulkWrite(stateWrites, inOrder);

        List<WriteModel<Document>> areaWrites = new ArrayList<>();
        areaChanges.forEach((id, change) -> {
            List<Bson> updates = new ArrayList<>();
            updates.add(Updates.addEachToSet("events", change.events().stream().map(ContaminationStore::document)
                    .toList()));
            HazardousAreaRecorded a = change.identified();
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

    private static Document document(AreaEvent event) {
        Document stored = new Document("eventId", event.eventId()).append("date", event.date())
                .append("recordedAt", Date.from(event.recordedAt())).append("kind", event.kind())
                .append("m2", event.m2());
        return event.minesDestroyed() == null ? stored : stored.append("minesDestroyed", event.minesDestroyed());
    }

    // --- reads ---

    Optional<ContaminatedState> state(String iso3) {
        return Optional.ofNullable(states.find(eq("_id", iso3)).first()).map(ContaminationStore::state);
    }

    List<ContaminatedState> allStates() {
        List<ContaminatedState> all = new ArrayList<>();
        states.find().forEach(state -> all.add(state(state)));
        return all;
    }

    private static ContaminatedState state(Document state) {
        return new ContaminatedState(state.getString("_id"), integers(state.getList("years", Object.class)));
    }

    /** Year documents by id (small: months, last recording, totals when computed). */
    List<Year> years(List<String> ids) {
        List<Year> found = new ArrayList<>();
        years.find(in("_id", ids)).forEach(year -> found.add(new Year(year.getString("_id"), year.getString("iso3"),
                year.getInteger("year"), integers(year.getList("months", Object.class)),
                year.getDate("maxRecordedAt").toInstant(), year.getInteger("version"),
                Optional.ofNullable(year.get("totals", Document.class)).map(ContaminationTotals::of))));
        return found;
    }

    /** Month documents by id, with their rows. */
    List<Month> months(List<String> ids) {
        List<Month> found = new ArrayList<>();
        months.find(in("_id", ids)).forEach(month -> {
            Map<String, ContaminationTotals.Row> rows = new LinkedHashMap<>();
            month.get("rows", Document.class).forEach((eventId, row) -> rows.put(eventId,
                    ContaminationTotals.Row.parse((String) row)));
            found.add(new Month(month.getString("_id"), rows));
        });
        return found;
    }

    /** Keeps computed totals, unless a row arrived meanwhile (the version moved on). */
    void keepTotals(Year year, ContaminationTotals totals) {
        years.updateOne(and(eq("_id", year.id()), eq("version", year.version())),
                Updates.set("totals", totals.toDocument()));
    }

    Optional<Area> area(String iso3, String areaId) {
        return Optional.ofNullable(areas.find(eq("_id", ReportingStream.areaStream(iso3, areaId))).first())
                .map(ContaminationStore::area);
    }

    private static Area area(Document area) {
        List<AreaEvent> events = area.getList("events", Document.class).stream().map(e -> new AreaEvent(
                e.getString("eventId"), e.getString("date"), e.getDate("recordedAt").toInstant(), e.getString("kind"),
                ((Number) e.get("m2")).longValue(), e.get("minesDestroyed") == null ? null
                : ((Number) e.get("minesDestroyed")).longValue())).toList();
        return new Area(area.getString("iso3"), area.getString("areaId"), area.getString("status"),
                area.getString("contamination"), ((Number) area.get("sizeM2")).longValue(),
                area.getString("identifiedOn"), area.getBoolean("foundAfterCompletion"), events);
    }

    private static List<Integer> integers(List<Object> numbers) {
        return numbers.stream().map(n -> ((Number) n).intValue()).toList();
    }
}
