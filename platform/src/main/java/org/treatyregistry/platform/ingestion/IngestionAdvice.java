package org.treatyregistry.platform.ingestion;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.treatyregistry.convention.RuleViolation;
import org.treatyregistry.platform.eventstore.CommitTooLargeException;
import org.treatyregistry.platform.web.Problems;

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

    /** A post is stored as one document (decision 0021), and this one would exceed MongoDB's 16 MB. */
    @ExceptionHandler(CommitTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(CommitTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.of(HttpStatus.CONTENT_TOO_LARGE,
                "post-too-large", "Post too large", "The " + e.events() + " events of this post do not fit in one "
                        + "write of the event store (16 MB); nothing was recorded. Post the facts in smaller "
                        + "batches: facts already recorded are recognised by their clientId."));
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
