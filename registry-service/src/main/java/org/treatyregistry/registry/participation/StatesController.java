package org.treatyregistry.registry.participation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;

/** Each State's participation as of a date ({@code asOf}, the legal date; default today). */
@RestController
@RequestMapping("/api/registry/states")
class StatesController {

    private final StateStatusProjection projection;
    private final Clock clock;

    StatesController(StateStatusProjection projection, Clock clock) {
        this.projection = projection;
        this.clock = clock;
    }

    @GetMapping
    List<StateView> states(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                           @RequestParam(required = false) ParticipationStatus status) {
        LocalDate date = asOf == null ? LocalDate.now(clock) : asOf;
        return projection.all().stream()
                .map(state -> StateView.of(state, date))
                .filter(view -> status == null || view.status() == status)
                .toList();
    }

    @GetMapping("/{iso3}")
    StateView state(@PathVariable String iso3,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        LocalDate date = asOf == null ? LocalDate.now(clock) : asOf;
        String name = Countries.nameOf(iso3).orElseThrow(() -> new ProblemException(Problems.of(HttpStatus.NOT_FOUND,
                "unknown-state", "Unknown State", "'" + iso3 + "' is not an ISO 3166-1 alpha-3 code (e.g. UKR).")));
        return projection.find(iso3).map(state -> StateView.of(state, date))
                .orElseGet(() -> StateView.unrecorded(iso3, name, date));
    }

    record StateView(String iso3, String name, LocalDate asOf, ParticipationStatus status,
                     String instrumentType, LocalDate instrumentDate, LocalDate entryIntoForce,
                     boolean provisionalApplication, String sourceReference) {

        static StateView of(StateStatusProjection.StateRecord state, LocalDate asOf) {
            return new StateView(state.iso3(), state.name(), asOf, state.statusOn(asOf),
                    state.instrumentType().name(), state.instrumentDate(), state.entryIntoForce(),
                    state.provisionalApplication(), state.sourceReference());
        }

        static StateView unrecorded(String iso3, String name, LocalDate asOf) {
            return new StateView(iso3, name, asOf, ParticipationStatus.NOT_SIGNED, null, null, null, false, null);
        }
    }
}
