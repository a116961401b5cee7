package org.treatyregistry.gateway;

import java.time.Clock;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import reactor.core.publisher.Mono;

/** API keys in {@code X-API-Key}, mapped to roles; refusals as problem details. Stateless: no sessions, no cookies. */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    static final String API_KEY_HEADER = "X-API-Key";
    /** Exchange attribute with the authenticated key's name, for the request log line. */
    static final String PRINCIPAL_ATTRIBUTE = GatewaySecurity.class.getName() + ".principal";

    @Bean
    ApiKeys apiKeys(TreatyGatewayProperties properties) {
        return ApiKeys.parse(properties.gateway().apiKeys());
    }

    @Bean
    GatewayTokens gatewayTokens(TreatyGatewayProperties properties) {
        return new GatewayTokens(properties.security().gatewaySecret(), Clock.systemUTC());
    }

    @Bean
    ReactiveAuthenticationManager apiKeyAuthenticationManager(ApiKeys apiKeys) {
        return candidate -> Mono.justOrEmpty(apiKeys.find((String) candidate.getCredentials()))
                .map(client -> (Authentication)
                        UsernamePasswordAuthenticationToken.authenticated(client, null, List.of()))
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("Unknown API key")));
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveAuthenticationManager manager,
            ProblemResponses problems) {
        AuthenticationWebFilter apiKeyFilter = new AuthenticationWebFilter(manager);
        apiKeyFilter.setServerAuthenticationConverter(exchange -> Mono
                .justOrEmpty(exchange.getRequest().getHeaders().getFirst(API_KEY_HEADER))
                .map(key -> UsernamePasswordAuthenticationToken.unauthenticated(null, key)));
        apiKeyFilter.setAuthenticationSuccessHandler((webFilterExchange, authentication) -> {
            webFilterExchange.getExchange().getAttributes().put(PRINCIPAL_ATTRIBUTE, authentication.getName());
            return webFilterExchange.getChain().filter(webFilterExchange.getExchange());
        });
        apiKeyFilter.setAuthenticationFailureHandler((webFilterExchange, e) -> problems.write(
                webFilterExchange.getExchange(), HttpStatus.UNAUTHORIZED,
                "The API key in the X-API-Key header is not known. Check it, or ask an operator for a key."));

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .addFilterAt(apiKeyFilter, SecurityWebFiltersOrder.AUTHENTICATION)
                // The console only reads the public API with the key its user types: nothing a browser may see
                // before signing in is sent from another origin, and no inline script runs.
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                + "frame-ancestors 'none'")))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/docs", "/api/docs/**",
                                "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        // The console's files; every API call it makes carries the user's key like any other.
                        .pathMatchers(HttpMethod.GET, "/", "/console/**", "/webjars/**").permitAll()
                        .pathMatchers("/api/**").access(new ApiAuthorization())
                        .anyExchange().denyAll())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> problems.write(exchange, HttpStatus.UNAUTHORIZED,
                                "Send an API key in the X-API-Key header."))
                        .accessDeniedHandler((exchange, e) -> exchange.getPrincipal()
                                .cast(Authentication.class)
                                .flatMap(authentication -> problems.write(exchange, HttpStatus.FORBIDDEN,
                                        ApiAuthorization.denial(exchange.getRequest(),
                                                (ApiClient) authentication.getPrincipal())))))
                .build();
    }
}
