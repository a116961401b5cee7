package org.treatyregistry.registry.ingestion;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Integrations post facts here: one object or a JSON array of up to 5,000. */
@RestController
@RequestMapping("/api/registry/events")
class RegistryEventsController {

    private final RegistryIngestion ingestion;

    RegistryEventsController(RegistryIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> post(@RequestBody List<Map<String, Object>> items, Authentication principal) {
        return ingestion.post(items, principal.getName());
    }
}
