package org.treatyregistry.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
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

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "The request body has invalid fields; see 'errors'.");
        problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage()).toList());
        return ResponseEntity.badRequest().body(problem);
    }
}
