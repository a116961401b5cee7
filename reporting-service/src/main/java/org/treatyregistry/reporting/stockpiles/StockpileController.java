package org.treatyregistry.reporting.stockpiles;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.reporting.record.StatesOnRecord;

/** A State's stockpile on {@code asOf}, by the record at {@code knownAt}. */
@RestController
class StockpileController {

    private final StatesOnRecord states;

    StockpileController(StatesOnRecord states) {
        this.states = states;
    }

    @GetMapping("/api/reporting/states/{iso3}/stockpile")
    StockpileView stockpile(@PathVariable String iso3, Reading reading) {
        StatesOnRecord.StateOnRecord state = states.one(iso3, reading.knownAt());
        return StockpileView.of(state.name(), state.participation(), state.record(), reading.asOf());
    }
}
