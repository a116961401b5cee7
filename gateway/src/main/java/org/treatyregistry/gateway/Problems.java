package org.treatyregistry.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes the gateway's own refusals as RFC 9457 problem details, as the services write theirs. */
@Component
class Problems {

    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        // Lets a caller quote the refusal to an operator, who finds it in the gateway's log.
        problem.put("requestId", RequestIdFilter.requestId(exchange));

        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            // HTTP requires a challenge with every 401; this one names the header the key goes in.
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + GatewaySecurity.API_KEY_HEADER + "\"");
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(problem))));
    }
}
