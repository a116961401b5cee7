package org.treatyregistry.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.treatyregistry.platform.web.Problems;
import org.treatyregistry.platform.web.RequestIdFilter;
import org.treatyregistry.platform.web.RequestIds;

/**
 * A service accepts only requests that passed the gateway: each carries a short-lived HS256 token the
 * gateway minted for the authenticated API key ({@code sub} = the key's name, {@code roles} = its role).
 * The roles are checked here again, so a request that bypassed the gateway's own checks gains nothing.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet."
                + "OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnProperty("treaty.service.name")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class GatewayTokenSecurityAutoConfiguration {

    public static final String ISSUER = "treaty-registry-gateway";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Bean
    JwtDecoder gatewayTokenDecoder(@Value("${treaty.security.gateway-secret}") String secret) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalStateException("treaty.security.gateway-secret (TREATY_GATEWAY_SECRET) must be at "
                    + "least 32 bytes; it is " + key.length);
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER)));
        return decoder;
    }

    @Bean
    SecurityFilterChain gatewayTokenFilterChain(HttpSecurity http) throws Exception {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/api/*/subscriptions", "/api/*/subscriptions/**")
                        .hasAnyRole("integration", "auditor")
                        .requestMatchers(HttpMethod.POST, "/api/*/events").hasRole("integration")
                        .requestMatchers(HttpMethod.POST, "/api/*/operations/**").hasRole("operator")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole("auditor", "operator")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint((request, response, e) -> write(request, response, Problems.of(
                                HttpStatus.UNAUTHORIZED, "This service only accepts requests through the gateway; "
                                        + "send your API key in the X-API-Key header to the gateway.")))
                        .accessDeniedHandler((request, response, e) -> write(request, response, Problems.of(
                                HttpStatus.FORBIDDEN,
                                "Your role may not " + request.getMethod() + " " + request.getRequestURI() + "."))))
                .build();
    }

    /** Refusals are written before Spring MVC, so they are completed here as the MVC advice completes the rest. */
    private static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setProperty(RequestIds.PROPERTY, RequestIdFilter.requestId(request));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), Problems.fields(problem));
    }
}
