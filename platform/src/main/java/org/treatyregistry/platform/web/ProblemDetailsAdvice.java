package org.treatyregistry.platform.web;

import java.net.URI;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves a service as an RFC 9457 problem detail of one of our types, with the request id: the
 * exceptions are answered here, and every problem body written through Spring MVC, whoever prepared it, is
 * completed on its way out ({@link #beforeBodyWrite}).
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler implements ResponseBodyAdvice<Object> {

    private static final URI BLANK = URI.create("about:blank");

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            complete(problem, request instanceof ServletServerHttpRequest servlet
                    ? RequestIdFilter.requestId(servlet.getServletRequest()) : null);
        }
        return body;
    }

    /** Spring's own problems (an unknown path, a wrong method) come typed {@code about:blank}; ours never do. */
    static ProblemDetail complete(ProblemDetail problem, String requestId) {
        if (problem.getType() == null || BLANK.equals(problem.getType())) {
            problem.setType(Problems.typeOf(HttpStatusCode.valueOf(problem.getStatus())));
        }
        if (requestId != null) {
            problem.setProperty(RequestIds.PROPERTY, requestId);
        }
        return problem;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> prepared(ProblemException e) {
        return ResponseEntity.status(e.problem().getStatus()).body(e.problem());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another form" : e.getRequiredType().getSimpleName();
        return ResponseEntity.badRequest()
                .body(Problems.badParameter(e.getName(), e.getValue(), "a valid " + expected));
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
        return invalid("The request has invalid fields; see 'errors'. Nothing was recorded.",
                e.getParameterValidationResults().stream()
                        .flatMap(result -> result.getResolvableErrors().stream().map(error ->
                                (result.getContainerIndex() == null ? "" : "item " + result.getContainerIndex() + ": ")
                                        + (error instanceof FieldError field ? field.getField() + ": " : "")
                                        + error.getDefaultMessage()))
                        .toList());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid("The request body has invalid fields; see 'errors'.", e.getBindingResult().getFieldErrors()
                .stream().map(error -> error.getField() + ": " + error.getDefaultMessage()).toList());
    }

    private static ResponseEntity<Object> invalid(String detail, List<String> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }
}
