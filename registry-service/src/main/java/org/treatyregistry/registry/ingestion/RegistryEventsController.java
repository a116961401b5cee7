package org.treatyregistry.registry.ingestion;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.convention.participation.RuleViolation;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;

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
        if (facts.isEmpty() || facts.size() > FactIngestion.MAX_BATCH) {
            throw new ProblemException(Problems.of(HttpStatus.BAD_REQUEST, "batch-size", "Batch size",
                    "Post between 1 and " + FactIngestion.MAX_BATCH + " facts at a time; this post has "
                            + facts.size() + "."));
        }
        return Map.of("results", ingestion.ingest(facts, principal.getName()));
    }

    /** The record changed between the check and the recording (another post about the same State). */
    @ExceptionHandler({RuleViolation.class, ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> changedMeanwhile(RuntimeException e) {
        String rule = e instanceof RuleViolation violation ? violation.rule() : "concurrent-change";
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(HttpStatus.CONFLICT, rule,
                "Record changed meanwhile", e.getMessage() + " A State's record changed while this post was checked; "
                        + "nothing was recorded for that State. Post the same batch again: facts already recorded "
                        + "are recognised by their clientId and not recorded twice."));
    }

    @ExceptionHandler(FactIngestion.Refused.class)
    ResponseEntity<ProblemDetail> refused(FactIngestion.Refused refused) {
        HttpStatus status = HttpStatus.valueOf(refused.status());
        ProblemDetail problem = Problems.of(status, status == HttpStatus.CONFLICT ? "client-id-reused" : "facts-refused",
                "Facts not recorded", refused.errors().size() + " of the posted facts cannot be recorded, so none "
                        + "was; see 'errors'. First: item " + refused.errors().get(0).index() + ": "
                        + refused.errors().get(0).detail());
        problem.setProperty("errors", refused.errors());
        return ResponseEntity.status(status).body(problem);
    }
}
