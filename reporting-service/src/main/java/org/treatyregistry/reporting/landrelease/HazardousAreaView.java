package org.treatyregistry.reporting.landrelease;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * One hazardous area as recorded, with every event of its land release in the order they were booked. Fields the
 * record does not hold (an event's mines for an identification) are left out, as the stored area leaves them out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HazardousAreaView(String iso3, String areaId, String status, String contamination, Long sizeM2,
                         LocalDate identifiedOn, Boolean foundAfterCompletion, List<Event> events) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(String eventId, LocalDate date, Instant recordedAt, String kind, Long m2, Long minesDestroyed) {
    }

    /**
     * From the projection's area document. The projection gives documents; a typed read is the projection's to give
     * once it is split into its writer and a typed store (issue 14, item 3), and this factory then goes.
     */
    static HazardousAreaView of(Document area) {
        return new HazardousAreaView(area.getString("iso3"), area.getString("areaId"), area.getString("status"),
                area.getString("contamination"), number(area, "sizeM2"), date(area, "identifiedOn"),
                area.getBoolean("foundAfterCompletion"),
                area.getList("events", Document.class, List.of()).stream().map(e -> new Event(e.getString("eventId"),
                        date(e, "date"), instant(e, "recordedAt"), e.getString("kind"), number(e, "m2"),
                        number(e, "minesDestroyed"))).toList());
    }

    private static Long number(Document document, String key) {
        return document.get(key) instanceof Number n ? n.longValue() : null;
    }

    private static LocalDate date(Document document, String key) {
        return document.getString(key) == null ? null : LocalDate.parse(document.getString(key));
    }

    private static Instant instant(Document document, String key) {
        return document.get(key) instanceof Date d ? d.toInstant() : null;
    }
}
