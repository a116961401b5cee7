package org.treatyregistry.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * A GET or HEAD whose connection closed before any response is sent once more, to an instance chosen again and on
 * another connection (the closed one has left the pool). Reading twice changes nothing; a POST is never sent again
 * (decision 0017): it gets the 502 that says a re-post with the same client ids is safe ({@link GatewayErrors}).
 * <p>
 * Not a second {@code Retry} filter in gateway.yml: two of them on one exchange share its attempt counter, so the
 * one for closed connections would either never fire or eat into the connect retries of every POST. Ordered outside
 * the Retry filter (order 1), so that the second attempt gets connect retries of its own, and inside
 * {@link UnavailableServiceFilter}, which sees only what is left.
 */
@Component
class IdempotentRetryFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(IdempotentRetryFilter.class);

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return chain.filter(exchange);
        }
        // onErrorResume, not a retry loop: the second attempt's failure is the answer, whatever it is.
        return chain.filter(exchange).onErrorResume(error -> closedBeforeAnyResponse(exchange, error), error -> {
            log.info("{} connection to the service for {} closed before any response; sending it once more",
                    RequestIdFilter.requestId(exchange), exchange.getRequest().getPath().value());
            ServerWebExchangeUtils.reset(exchange);
            // The Retry filter counts its attempts here: cleared, the second attempt gets connect retries of its own.
            exchange.getAttributes().remove(RetryGatewayFilterFactory.RETRY_ITERATION_KEY);
            return chain.filter(exchange);
        });
    }

    private static boolean closedBeforeAnyResponse(ServerWebExchange exchange, Throwable error) {
        return NestedExceptionUtils.getMostSpecificCause(error) instanceof PrematureCloseException
                && exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR) == null
                && !exchange.getResponse().isCommitted();
    }
}
