package org.treatyregistry.reporting.compliance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
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
    private final Clock clock;

    ComplianceController(StatesOnRecord states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    @GetMapping
    List<ComplianceFlags.Flag> flags(@RequestParam(required = false) String state,
                                     @RequestParam(required = false) String rule,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                     @RequestParam(required = false) Instant knownAt) {
        Reading reading = Reading.of(asOf, knownAt, clock);
        return states.select(state, reading.knownAt()).stream()
                .flatMap(s -> ComplianceFlags.of(s.name(), s.participation(), s.record(), reading.asOf()).stream())
                .filter(flag -> rule == null || flag.rule().equals(rule))
                .toList();
    }

    /** CSV: the event ids of a flag joined by spaces. */
    @GetMapping(produces = "text/csv")
    String flagsCsv(@RequestParam(required = false) String state, @RequestParam(required = false) String rule,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                    @RequestParam(required = false) Instant knownAt) {
        return Csv.of(Row.class, flags(state, rule, asOf, knownAt).stream()
                .map(f -> new Row(f.iso3(), f.name(), f.rule(), f.reason(), String.join(" ", f.eventIds()))).toList());
    }

    record Row(String iso3, String name, String rule, String reason, String eventIds) {
    }
}
