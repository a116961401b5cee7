package org.treatyregistry.reporting.stockpiles;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.transparency.TransparencyLog;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.reporting.record.StatesOnRecord;

/** A State's stockpile on {@code asOf}, by the record at {@code knownAt}. */
@RestController
class StockpileController {

    private final StatesOnRecord states;
    private final TransparencyLog log;

    StockpileController(StatesOnRecord states, TransparencyLog log) {
        this.states = states;
        this.log = log;
    }

    @GetMapping("/api/reporting/states/{iso3}/stockpile")
    StockpileView stockpile(@PathVariable String iso3, Reading reading) {
        StatesOnRecord.StateOnRecord state = states.one(iso3, reading.knownAt());
        return StockpileView.of(state.name(), state.participation(), state.record(), reading.asOf(),
                log.indexesOf(StockpileView.stockpileEventIds(state.record())));
    }
}
