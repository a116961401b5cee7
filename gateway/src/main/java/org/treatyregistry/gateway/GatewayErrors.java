package org.treatyregistry.gateway;

import java.io.IOException;
import java.net.ConnectException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Failures the gateway meets itself (no such path, service down, service too slow) as problem details carrying the
 * request id, like its refusals; Boot's handler would answer in another shape, with an id of its own.
 */
@Component
class GatewayErrors implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    private final ProblemResponses problems;

    GatewayErrors(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return -2; // ahead of Boot's ErrorWebExceptionHandler (-1)
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ServerHttpRequest request = exchange.getRequest();
        String requestId = RequestIdFilter.requestId(exchange);
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(error);
        if (cause instanceof ConnectException) {
            log.warn("{} service for {} not reachable: {}", requestId, request.getPath().value(), error.toString());
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    "The service is not reachable right now; nothing was sent to it. Try again shortly.");
        }
        if (cause instanceof IOException) {
            // The request reached the service, which went away (a crash, a kill) before it answered.
            log.warn("{} service for {} lost before it answered: {}", requestId, request.getPath().value(),
                    cause.toString());
            return problems.write(exchange, HttpStatus.BAD_GATEWAY, "The connection to the service broke before it "
                    + "answered: the request may or may not have taken effect. A post can be sent again with the same "
                    + "client ids, and each fact is recorded once.");
        }
        if (error instanceof ResponseStatusException statusError
                && HttpStatus.resolve(statusError.getStatusCode().value()) != null) {
            HttpStatus status = HttpStatus.valueOf(statusError.getStatusCode().value());
            return problems.write(exchange, status, detail(status, statusError.getReason(), request));
        }
        log.error("{} failed", requestId, error);
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway failed to handle the request. Quote request id " + requestId + " to an operator.");
    }

    private static String detail(HttpStatus status, String reason, ServerHttpRequest request) {
        return switch (status) {
            case NOT_FOUND -> "Nothing is at " + request.getMethod().name() + " " + request.getPath().value()
                    + ". The API is described at /api/docs/openapi.yaml.";
            case GATEWAY_TIMEOUT -> "The service did not answer in time. The request may still take effect: "
                    + "check before sending it again.";
            default -> reason != null ? reason : status.getReasonPhrase();
        };
    }
}
