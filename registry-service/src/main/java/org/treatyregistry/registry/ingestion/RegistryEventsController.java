package org.treatyregistry.registry.ingestion;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.ingestion.IngestionProblems;

/** Integrations post facts here: one object or a JSON array of up to 5,000. */
@RestController
@RequestMapping("/api/registry/events")
class RegistryEventsController {

    private final FactIngestion ingestion;

    RegistryEventsController(FactIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> post(@RequestBody @Valid List<@Valid PostedFact> facts, Authentication principal) {
        IngestionProblems.checkBatchSize(facts);
        return Map.of("results", ingestion.ingest(facts, principal.getName()));
    }
}
