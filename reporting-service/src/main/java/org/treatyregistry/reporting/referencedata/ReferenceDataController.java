package org.treatyregistry.reporting.referencedata;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators (and auditors) see what the load of the shipped reporting record recorded, flagged and refused. */
@RestController
@RequestMapping("/api/reporting/operations/reference-data")
class ReferenceDataController {

    private final ObjectProvider<ReferenceDataLoader> loader;

    ReferenceDataController(ObjectProvider<ReferenceDataLoader> loader) {
        this.loader = loader;
    }

    @GetMapping
    LoadReport report() {
        ReferenceDataLoader active = loader.getIfAvailable();
        return active == null ? LoadReport.notRun() : active.report();
    }
}
