package org.treatyregistry.registry.referencedata;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.referencedata.LoadReport;

/** Operators (and auditors) see what the reference-data load recorded, flagged and refused. */
@RestController
@RequestMapping("/api/registry/operations/reference-data")
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
