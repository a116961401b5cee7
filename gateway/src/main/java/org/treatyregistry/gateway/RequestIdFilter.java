package org.treatyregistry.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.treatyregistry.platform.web.RequestIds;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id ({@link RequestIds}: the client's, if it is a sane token) that travels to the service,
 * comes back on the response and in problem details, and starts the request's log line. Runs before security so
 * refusals carry it too.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

    static String requestId(ServerWebExchange exchange) {
        return exchange.getRequiredAttribute(ATTRIBUTE);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(ATTRIBUTE, id);
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(h -> h.set(RequestIds.HEADER, id)))
                .build();
        // Set at commit: a routed response's headers are copied from the service's response after this point.
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(RequestIds.HEADER, id);
            return Mono.empty();
        });
        long start = System.nanoTime();
        return chain.filter(withId).doFinally(signal -> log.info("{} {} {} -> {} as {} in {} ms", id,
                exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
                withId.getResponse().getStatusCode(),
                exchange.getAttributeOrDefault(GatewaySecurity.PRINCIPAL_ATTRIBUTE, "-"),
                (System.nanoTime() - start) / 1_000_000));
    }
}
