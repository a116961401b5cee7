package org.treatyregistry.gateway;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id (the client's, if it is a sane token) that travels to the service, comes back on the
 * response and in problem details, and starts the request's log line. Runs before security so refusals carry it too.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

    static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    // Anything else could smuggle log lines or header tricks through to the services.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
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
        String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, id);
        ServerWebExchange withId = exchange.mutate().request(request -> request.headers(h -> h.set(HEADER, id))).build();
        // Set at commit: a routed response's headers are copied from the service's response after this point.
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        long start = System.nanoTime();
        return chain.filter(withId).doFinally(signal -> log.info("{} {} {} -> {} as {} in {} ms", id,
                exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
                withId.getResponse().getStatusCode(), exchange.getAttributeOrDefault(GatewaySecurity.PRINCIPAL_ATTRIBUTE, "-"),
                (System.nanoTime() - start) / 1_000_000));
    }
}
