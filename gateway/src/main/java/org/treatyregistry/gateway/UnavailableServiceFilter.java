package org.treatyregistry.gateway;

import java.net.ConnectException;
import java.net.UnknownHostException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * When no instance of a service can take a request, the caller is told when to come back: 503 with
 * {@code Retry-After}, as problem details (written by {@link GatewayErrors}). Two ways to get here: the load balancer
 * has no instance whose readiness is UP, or every instance it tried refused the connection (the Retry filter in
 * gateway.yml re-chooses an instance only then, when nothing was sent).
 * <p>
 * Ordered outside the route's Retry filter (order 1), so that it sees only what is left after the retries.
 */
@Component
class UnavailableServiceFilter implements GlobalFilter, Ordered {

    /** Seconds: a little more than the health check's interval, so that a recovered instance is seen again. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(UnavailableServiceFilter.class);

    @Override
    public int getOrder() {
        return -1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorMap(error -> unavailable(exchange, error), error -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            if (error instanceof NotFoundException) {
                log.warn("{} no instance of the service for {} is ready", RequestIdFilter.requestId(exchange),
                        exchange.getRequest().getPath().value());
                return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "No instance of the service is "
                        + "ready right now; nothing was sent to it. Try again shortly.", error);
            }
            // An instance whose name does not resolve (a container gone) was not reached either: same answer.
            return NestedExceptionUtils.getMostSpecificCause(error) instanceof UnknownHostException unknown
                    ? new ConnectException(unknown.getMessage())
                    : error;
        });
    }

    private static boolean unavailable(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return false;
        }
        if (error instanceof NotFoundException notFound) {
            return notFound.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value();
        }
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(error);
        return cause instanceof ConnectException || cause instanceof UnknownHostException;
    }
}
