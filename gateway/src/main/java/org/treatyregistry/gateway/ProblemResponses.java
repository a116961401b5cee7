package org.treatyregistry.gateway;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.treatyregistry.platform.web.Problems;
import org.treatyregistry.platform.web.RequestIds;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the gateway's own refusals as RFC 9457 problem details, of the types and with the request id the services
 * use.
 */
@Component
class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        ProblemDetail problem = Problems.of(status, detail);
        // Lets a caller quote the refusal to an operator, who finds it in the gateway's log.
        problem.setProperty(RequestIds.PROPERTY, RequestIdFilter.requestId(exchange));
        Map<String, Object> fields = Problems.fields(problem);
        // The raw path as received: a URI type would refuse a path a client sent unencoded.
        fields.put("instance", exchange.getRequest().getPath().value());

        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            // HTTP requires a challenge with every 401; this one names the header the key goes in.
            response.getHeaders()
                    .set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + GatewaySecurity.API_KEY_HEADER + "\"");
        }
        byte[] body = json.writeValueAsBytes(fields);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
