package org.treatyregistry.gateway;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * On every route: swaps the caller's credentials for a gateway token. The API key never reaches a service, and
 * neither does a client's own Authorization header, since the services trust whatever bearer token arrives signed.
 */
@Component
class ServiceTokenFilter implements GlobalFilter, Ordered {

    private final GatewayTokens tokens;

    ServiceTokenFilter(GatewayTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .map(principal -> (ApiClient) ((Authentication) principal).getPrincipal())
                // Security lets no request onto a route without a key; should that change, forward nothing.
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Routed request without an API key")))
                .flatMap(client -> {
                    String token = tokens.mint(client, RequestIdFilter.requestId(exchange));
                    return chain.filter(exchange.mutate().request(request -> request.headers(headers -> {
                        headers.remove(GatewaySecurity.API_KEY_HEADER);
                        headers.setBearerAuth(token);
                    })).build());
                });
    }
}
