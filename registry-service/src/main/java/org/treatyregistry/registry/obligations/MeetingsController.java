package org.treatyregistry.registry.obligations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.contract.StateEvent;
import org.treatyregistry.contract.obligations.ClearanceCompleted;
import org.treatyregistry.contract.obligations.ExtensionDecided;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.web.Csv;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.registry.participation.RegistryProjection;

/** The calendar of deciding meetings (Art. 5.5) with the decisions each took, by what was recorded at knownAt. */
@RestController
@RequestMapping("/api/registry/meetings")
class MeetingsController {

    private final RegistryProjection projection;

    MeetingsController(RegistryProjection projection) {
        this.projection = projection;
    }

    /** What a meeting decided for one State: an extension (granted or refused) or a declared completion. */
    record Decision(String iso3, String decision, String decidedOn, LocalDate newDeadline, String sourceConflict) {
    }

    record MeetingView(String code, String name, String city, LocalDate startDate, LocalDate endDate,
                       List<Decision> decisions) {
    }

    record Row(String code, String name, String city, LocalDate startDate, LocalDate endDate, String decisions) {
    }

    @GetMapping(produces = "application/json")
    List<MeetingView> meetings(Reading reading) {
        List<StateEvent> facts = projection.all().stream().map(s -> s.knownAt(reading.knownAt()))
                .map(StateHistory::facts).flatMap(List::stream).map(Fact::event).toList();
        List<MeetingView> calendar = new ArrayList<>();
        for (Meetings.Meeting meeting : Meetings.all()) {
            List<Decision> decisions = new ArrayList<>();
            for (StateEvent fact : facts) {
                if (fact instanceof ExtensionDecided d && meeting.code().equals(d.meeting())) {
                    decisions.add(new Decision(d.iso3(), d.granted() ? "EXTENSION_GRANTED" : "EXTENSION_REFUSED",
                            d.decidedOn(), d.newDeadline(), d.sourceConflict()));
                } else if (fact instanceof ClearanceCompleted c && meeting.code().equals(c.meeting())) {
                    decisions.add(new Decision(c.iso3(), "COMPLETION_DECLARED", c.completedOn(), null,
                            c.sourceConflict()));
                }
            }
            calendar.add(new MeetingView(meeting.code(), meeting.name(), meeting.city(), meeting.startDate(),
                    meeting.endDate(), decisions));
        }
        return calendar;
    }

    @GetMapping(produces = "text/csv")
    String meetingsCsv(Reading reading) {
        return Csv.of(Row.class, meetings(reading).stream().map(m -> new Row(m.code(), m.name(), m.city(),
                m.startDate(), m.endDate(), m.decisions().stream()
                        .map(d -> d.iso3() + " " + d.decision()
                                + (d.newDeadline() == null ? "" : " " + d.newDeadline()))
                        .collect(Collectors.joining("; ")))).toList());
    }
}
