package org.treatyregistry.indicators.participation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** How many States were party on a date, and which. */
@RestController
@RequestMapping("/api/indicators/states-parties")
class StatesPartiesController {

    private final ParticipantsProjection projection;
    private final Clock clock;

    StatesPartiesController(ParticipantsProjection projection, Clock clock) {
        this.projection = projection;
        this.clock = clock;
    }

    @GetMapping
    StatesPartiesView statesParties(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        LocalDate date = asOf == null ? LocalDate.now(clock) : asOf;
        List<String> parties = StatesParties.on(date, projection.all());
        return new StatesPartiesView(date, parties.size(), parties);
    }

    record StatesPartiesView(LocalDate asOf, int count, List<String> states) {
    }
}
