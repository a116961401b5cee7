package org.treatyregistry.platform.ingestion;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.treatyregistry.convention.RuleViolation;

/** The answers of every {@code POST .../events} when a batch is refused or a stream changed meanwhile. */
@RestControllerAdvice
public class IngestionAdvice {

    @ExceptionHandler(BatchIngestion.Refused.class)
    ResponseEntity<ProblemDetail> refused(BatchIngestion.Refused refused) {
        return IngestionProblems.refused(refused);
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> changedMeanwhile(RuntimeException e) {
        return IngestionProblems.changedMeanwhile("concurrent-change", e.getMessage());
    }

    /**
     * A rule broken between the check and the recording: another post changed the stream meanwhile. Every item is
     * checked before anything is recorded, so a violation that reaches the web layer is the aggregate's re-check.
     */
    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> changedMeanwhile(RuleViolation violation) {
        return IngestionProblems.changedMeanwhile(violation.rule(), violation.getMessage());
    }
}
