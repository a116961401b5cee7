package org.treatyregistry.reporting.compliance;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.web.Csv;
import org.treatyregistry.platform.web.Reading;
import org.treatyregistry.reporting.record.StatesOnRecord;

/** Compliance flags on {@code asOf} by the record at {@code knownAt}, each with its reason and events. */
@RestController
@RequestMapping("/api/reporting/compliance")
class ComplianceController {

    private final StatesOnRecord states;

    ComplianceController(StatesOnRecord states) {
        this.states = states;
    }

    @GetMapping
    List<ComplianceFlags.Flag> flags(@RequestParam(required = false) String state,
                                     @RequestParam(required = false) String rule, Reading reading) {
        return states.select(state, reading.knownAt()).stream()
                .flatMap(s -> ComplianceFlags.of(s.name(), s.participation(), s.record(), reading.asOf()).stream())
                .filter(flag -> rule == null || flag.rule().equals(rule))
                .toList();
    }

    /** CSV: the event ids of a flag joined by spaces. */
    @GetMapping(produces = "text/csv")
    String flagsCsv(@RequestParam(required = false) String state, @RequestParam(required = false) String rule,
                    Reading reading) {
        return Csv.of(Row.class, flags(state, rule, reading).stream()
                .map(f -> new Row(f.iso3(), f.name(), f.rule(), f.reason(), String.join(" ", f.eventIds()))).toList());
    }

    record Row(String iso3, String name, String rule, String reason, String eventIds) {
    }
}
