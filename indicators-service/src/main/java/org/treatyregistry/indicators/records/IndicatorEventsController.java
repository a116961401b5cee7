package org.treatyregistry.indicators.records;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Integrations post meetings, votes, moratoria, contributions and assessments here: one object or up to 5,000. */
@RestController
class IndicatorEventsController {

    private final IndicatorIngestion ingestion;

    IndicatorEventsController(IndicatorIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @PostMapping("/api/indicators/events")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> post(@RequestBody List<Map<String, Object>> items, Authentication principal) {
        return ingestion.post(items, principal.getName());
    }
}
