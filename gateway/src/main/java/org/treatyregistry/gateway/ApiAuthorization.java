package org.treatyregistry.gateway;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Which roles may call which endpoints under {@code /api}, as Spring Security's authorization manager (so not one of
 * the pure rule classes). Both the decision and the 403 message come from these
 * rules, so the message always names the role that would have been let in.
 */
final class ApiAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

    private record Rule(HttpMethod method, PathPattern path, Set<Role> roles) {
    }

    private static final List<Rule> RULES = List.of(
            rule(HttpMethod.GET, "/api/*/subscriptions/**", EnumSet.of(Role.INTEGRATION, Role.AUDITOR)),
            rule(HttpMethod.POST, "/api/*/subscriptions/**", EnumSet.of(Role.INTEGRATION, Role.AUDITOR)),
            rule(HttpMethod.DELETE, "/api/*/subscriptions/**", EnumSet.of(Role.INTEGRATION, Role.AUDITOR)),
            rule(HttpMethod.POST, "/api/*/events", EnumSet.of(Role.INTEGRATION)),
            rule(HttpMethod.POST, "/api/*/operations/**", EnumSet.of(Role.OPERATOR)),
            rule(HttpMethod.GET, "/api/**", EnumSet.of(Role.AUDITOR, Role.OPERATOR)));

    private static Rule rule(HttpMethod method, String path, Set<Role> roles) {
        return new Rule(method, PathPatternParser.defaultInstance.parse(path), roles);
    }

    /** The roles that may make this request; none if the API has no such endpoint for anyone. */
    static Set<Role> allowedRoles(ServerHttpRequest request) {
        return RULES.stream()
                .filter(rule -> rule.method().equals(request.getMethod())
                        && rule.path().matches(request.getPath().pathWithinApplication()))
                .findFirst()
                .map(Rule::roles)
                .orElse(Set.of());
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        Set<Role> allowed = allowedRoles(context.getExchange().getRequest());
        return authentication
                .map(auth -> (AuthorizationResult) new AuthorizationDecision(
                        auth.getPrincipal() instanceof ApiClient client && allowed.contains(client.role())))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    /** Why the key's holder was turned away, in words that tell them what to do instead. */
    static String denial(ServerHttpRequest request, ApiClient client) {
        Set<Role> allowed = allowedRoles(request);
        if (allowed.isEmpty()) {
            return "No key may call " + request.getMethod().name() + " " + request.getPath().value() + " through the "
                    + "gateway. It forwards GET /api/{service}/..., POST /api/{service}/events, "
                    + "POST /api/{service}/operations/... and /api/{service}/subscriptions/...";
        }
        String needed = allowed.stream().map(role -> "'" + role.id() + "'").collect(Collectors.joining(" or "));
        return "This endpoint needs role " + needed + "; the key '" + client.name() + "' has role '"
                + client.role().id() + "'.";
    }
}
