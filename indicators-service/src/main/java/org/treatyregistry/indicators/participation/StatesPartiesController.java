package org.treatyregistry.indicators.participation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.web.Reading;

/** How many States were party on a date ({@code asOf}), by what was recorded at {@code knownAt}, and which. */
@RestController
@RequestMapping("/api/indicators/states-parties")
class StatesPartiesController {

    private final RegistryFacts projection;

    StatesPartiesController(RegistryFacts projection) {
        this.projection = projection;
    }

    @GetMapping
    StatesPartiesView statesParties(Reading reading) {
        List<String> parties = StatesParties.on(reading.asOf(), projection.histories(reading.knownAt()));
        return new StatesPartiesView(reading.asOf(), reading.knownAt(), parties.size(), parties);
    }

    record StatesPartiesView(LocalDate asOf, Instant knownAt, int count, List<String> states) {
    }
}
