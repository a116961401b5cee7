package org.treatyregistry.reporting.reports;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.platform.kafka.InboundEvent;
import org.treatyregistry.platform.kafka.InboundEventHandler;

/** Which reports each State owes, from the registry's events: keyed by State, replaced whole (idempotent). */
@Component
public class ReportScheduleProjection implements InboundEventHandler {

    private final MongoCollection<Document> schedule;

    public ReportScheduleProjection(MongoDatabase serviceDatabase) {
        this.schedule = serviceDatabase.getCollection("report_schedule");
    }

    @Override
    public void on(InboundEvent event) {
        if (event.payload() instanceof InstrumentDeposited deposited) {
            schedule.replaceOne(eq("_id", deposited.iso3()), new Document("_id", deposited.iso3())
                            .append("name", deposited.stateName())
                            .append("entryIntoForce", deposited.entryIntoForce().toString())
                            .append("initialReportDue",
                                    ReportDueDates.initialReport(deposited.entryIntoForce()).toString())
                            .append("sourceEventId", event.id()),
                    new ReplaceOptions().upsert(true));
        }
    }

    public List<DueReport> initialReports(String iso3) {
        List<DueReport> reports = new ArrayList<>();
        for (Document d : iso3 == null ? schedule.find() : schedule.find(eq("_id", iso3))) {
            reports.add(new DueReport(d.getString("_id"), d.getString("name"), "initial",
                    LocalDate.parse(d.getString("entryIntoForce")), LocalDate.parse(d.getString("initialReportDue")),
                    d.getString("sourceEventId")));
        }
        reports.sort(Comparator.comparing(DueReport::iso3));
        return reports;
    }

    /** A report a State owes; {@code sourceEventId} is the registry event the obligation rests on. */
    public record DueReport(String iso3, String name, String period, LocalDate entryIntoForce, LocalDate dueDate,
                            String sourceEventId) {
    }
}
