package org.treatyregistry.reporting.landrelease;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One hazardous area as recorded, with every event of its land release in the order they were booked. Fields the
 * record does not hold (an event's mines for an identification) are left out, as the stored area leaves them out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HazardousAreaView(String iso3, String areaId, String status, String contamination, long sizeM2,
                         LocalDate identifiedOn, boolean foundAfterCompletion, List<Event> events) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** An event of the area's land release, with its index in the service's transparency log (once logged). */
    record Event(String eventId, LocalDate date, Instant recordedAt, String kind, long m2, Long minesDestroyed,
                 Long logIndex) {
    }

    static HazardousAreaView of(ContaminationStore.Area area, Map<String, Long> logIndexes) {
        return new HazardousAreaView(area.iso3(), area.areaId(), area.status(), area.contamination(), area.sizeM2(),
                LocalDate.parse(area.identifiedOn()), area.foundAfterCompletion(),
                area.events().stream().map(e -> new Event(e.eventId(), LocalDate.parse(e.date()), e.recordedAt(),
                        e.kind(), e.m2(), e.minesDestroyed(), logIndexes.get(e.eventId()))).toList());
    }
}
