package org.treatyregistry.reporting.referencedata;

import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.referencedata.LoadReport;

/** Operators (and auditors) see what the load of the shipped reporting record recorded, flagged and refused. */
@RestController
class ReferenceDataController {

    /** Absent when the load is switched off ({@code treaty.reporting.reference-data.load=false}). */
    private final Optional<ReferenceDataLoader> loader;

    ReferenceDataController(Optional<ReferenceDataLoader> loader) {
        this.loader = loader;
    }

    @GetMapping("/api/reporting/operations/reference-data")
    LoadReport report() {
        return loader.map(ReferenceDataLoader::report).orElseGet(LoadReport::notRun);
    }
}
