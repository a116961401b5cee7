package org.treatyregistry.registry.participation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.contract.corrections.FactRetracted;
import org.treatyregistry.convention.Countries;
import org.treatyregistry.convention.Fact;
import org.treatyregistry.convention.participation.ParticipationStatus;
import org.treatyregistry.convention.participation.StateHistory;
import org.treatyregistry.platform.transparency.TransparencyLog;
import org.treatyregistry.platform.web.Csv;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;
import org.treatyregistry.platform.web.Reading;

/** Each State's participation and obligations on {@code asOf}, by what was recorded at {@code knownAt}. */
@RestController
@RequestMapping("/api/registry/states")
class StatesController {

    private final RegistryProjection projection;
    private final TransparencyLog log;

    StatesController(RegistryProjection projection, TransparencyLog log) {
        this.projection = projection;
        this.log = log;
    }

    /**
     * @param party true: every State Party on {@code asOf}, i.e. every State bound (STATE_PARTY and
     *              WITHDRAWAL_PENDING: a State whose withdrawal is pending is still a party, Art. 20.2-20.3);
     *              false: every State on record not bound
     */
    @GetMapping(produces = "application/json")
    List<StateView> states(Reading reading,
                           @RequestParam(required = false) ParticipationStatus status,
                           @RequestParam(required = false) String party) {
        Boolean bound = party(party);
        return projection.all().stream()
                .map(state -> state.knownAt(reading.knownAt()))
                .filter(history -> !history.facts().isEmpty())
                .filter(history -> bound == null || history.isBoundOn(reading.asOf()) == bound)
                .map(history -> StateView.of(history, Countries.nameOf(history.iso3()).orElse(history.iso3()), reading))
                .filter(view -> status == null || view.status() == status)
                .toList();
    }

    @GetMapping(produces = "text/csv")
    String statesCsv(Reading reading,
                     @RequestParam(required = false) ParticipationStatus status,
                     @RequestParam(required = false) String party) {
        return Csv.of(StateView.Row.class, states(reading, status, party).stream().map(StateView::row).toList());
    }

    @GetMapping("/{iso3}")
    StateView state(@PathVariable String iso3, Reading reading) {
        String name = known(iso3);
        StateHistory history = projection.find(iso3).map(s -> s.knownAt(reading.knownAt()))
                .orElseGet(() -> StateHistory.of(iso3, List.of()));
        return StateView.of(history, name, reading);
    }

    /**
     * The timeline: every fact recorded for the State, with corrections linked to what they correct, and each fact's
     * index in the service's transparency log ({@code logIndex}, null for a fact not logged yet), by which an auditor
     * asks for its proof.
     */
    @GetMapping("/{iso3}/history")
    List<Map<String, Object>> history(@PathVariable String iso3) {
        known(iso3);
        List<Fact> facts = projection.find(iso3)
                .map(RegistryProjection.RecordedState::facts).orElse(List.of());
        Map<String, Long> logIndexes = log.indexesOf(facts.stream().map(Fact::eventId).toList());
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (Fact fact : facts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("eventId", fact.eventId());
            entry.put("logIndex", logIndexes.get(fact.eventId()));
            entry.put("type",
                    EventCatalog.typeOf(fact.event().getClass()).substring(EventCatalog.TYPE_PREFIX.length()));
            entry.put("effectiveDate", fact.event().effectiveDate());
            entry.put("recordedAt", fact.recordedAt());
            entry.put("principal", fact.principal());
            entry.put("data", fact.event());
            facts.stream().map(Fact::event).filter(FactRetracted.class::isInstance)
                    .map(FactRetracted.class::cast).filter(r -> r.retractedEventId().equals(fact.eventId()))
                    .findFirst().ifPresent(r -> entry.put("correctedBecause", r.reason()));
            timeline.add(entry);
        }
        return timeline;
    }

    /** Only {@code true} or {@code false}: "yes", "1" or "on" are refused rather than guessed at. */
    private static Boolean party(String party) {
        if (party == null || party.equals("true") || party.equals("false")) {
            return party == null ? null : Boolean.valueOf(party);
        }
        throw new ProblemException(Problems.of(HttpStatus.BAD_REQUEST, "bad-parameter", "Bad parameter",
                "'party' must be true (every State Party on asOf, withdrawals pending included) or false; got '"
                        + party + "'."));
    }

    private static String known(String iso3) {
        return Countries.nameOf(iso3).orElseThrow(() -> new ProblemException(Problems.of(HttpStatus.NOT_FOUND,
                "unknown-state", "Unknown State", "'" + iso3 + "' is not an ISO 3166-1 alpha-3 code (e.g. UKR).")));
    }
}
