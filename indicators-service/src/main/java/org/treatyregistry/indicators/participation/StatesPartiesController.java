package org.treatyregistry.indicators.participation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** How many States were party on a date ({@code asOf}), by what was recorded at {@code knownAt}, and which. */
@RestController
@RequestMapping("/api/indicators/states-parties")
class StatesPartiesController {

    private final RegistryFacts projection;
    private final Clock clock;

    StatesPartiesController(RegistryFacts projection, Clock clock) {
        this.projection = projection;
        this.clock = clock;
    }

    @GetMapping
    StatesPartiesView statesParties(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant knownAt) {
        LocalDate date = asOf == null ? LocalDate.now(clock) : asOf;
        Instant known = knownAt == null ? clock.instant() : knownAt;
        List<String> parties = StatesParties.on(date, projection.histories(known));
        return new StatesPartiesView(date, known, parties.size(), parties);
    }

    record StatesPartiesView(LocalDate asOf, Instant knownAt, int count, List<String> states) {
    }
}
