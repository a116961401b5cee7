package org.treatyregistry.reporting.stockpiles;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.reporting.record.StatesOnRecord;

/** A State's stockpile on {@code asOf}, by the record at {@code knownAt}. */
@RestController
class StockpileController {

    private final StatesOnRecord states;
    private final Clock clock;

    StockpileController(StatesOnRecord states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    @GetMapping("/api/reporting/states/{iso3}/stockpile")
    StockpileView stockpile(@PathVariable String iso3,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                            @RequestParam(required = false) Instant knownAt) {
        Reading reading = Reading.of(asOf, knownAt, clock);
        StatesOnRecord.StateOnRecord state = states.one(iso3, reading.knownAt());
        return StockpileView.of(state.name(), state.participation(), state.record(), reading.asOf());
    }
}
