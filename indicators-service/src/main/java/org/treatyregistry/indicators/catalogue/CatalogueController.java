package org.treatyregistry.indicators.catalogue;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.web.Csv;

/** Every indicator of the Siem Reap-Angkor Action Plan 2025-2029, as JSON or CSV. */
@RestController
@RequestMapping("/api/indicators/catalogue")
class CatalogueController {

    private final IndicatorCatalogue catalogue;

    CatalogueController(IndicatorCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping(produces = "application/json")
    List<Indicator> catalogue() {
        return catalogue.all();
    }

    @GetMapping(produces = "text/csv")
    String catalogueCsv() {
        return Csv.of(Indicator.class, catalogue.all());
    }
}
