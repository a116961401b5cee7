package org.treatyregistry.platform.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error leaves a service as an RFC 9457 problem detail. */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> prepared(ProblemException e) {
        return ResponseEntity.status(e.problem().getStatus()).body(e.problem());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another form" : e.getRequiredType().getSimpleName();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "bad-parameter", "Bad parameter",
                "Parameter '" + e.getName() + "' has value '" + e.getValue() + "', which is not a valid "
                        + expected + (expected.equals("LocalDate") ? " (use YYYY-MM-DD)" : "") + ".");
        return ResponseEntity.badRequest().body(problem);
    }

    /** Says what in the body could not be read (Jackson names the field and the expected form). */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // Jackson appends the location in the source after a line break; the first line says what is wrong.
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body",
                "The body is not the JSON this endpoint takes: " + reason.lines().findFirst().orElse(reason));
        return ResponseEntity.badRequest().body(problem);
    }

    /** Invalid items of a posted list: each error names the item's index and the field. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "The request has invalid fields; see 'errors'. Nothing was recorded.");
        problem.setProperty("errors", e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error ->
                        (result.getContainerIndex() == null ? "" : "item " + result.getContainerIndex() + ": ")
                                + (error instanceof FieldError field ? field.getField() + ": " : "")
                                + error.getDefaultMessage()))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "The request body has invalid fields; see 'errors'.");
        problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage()).toList());
        return ResponseEntity.badRequest().body(problem);
    }
}
