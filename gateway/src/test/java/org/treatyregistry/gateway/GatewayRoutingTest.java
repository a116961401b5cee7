package org.treatyregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.treatyregistry.platform.web.Problems;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway in front of a stub service that records what reached it, for registry and reporting; none for
 * indicators.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "treaty.gateway.api-keys=ingest-1:integration:" + GatewayRoutingTest.INTEGRATION_KEY
                + ",auditor-1:auditor:" + GatewayRoutingTest.AUDITOR_KEY
                + ",operator-1:operator:" + GatewayRoutingTest.OPERATOR_KEY,
        "treaty.security.gateway-secret=" + GatewayRoutingTest.SECRET,
        // Short, so that a stub service too slow for it keeps the test quick.
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
        // Indicators never has an instance ready: the gateway starts without waiting for one (RoutingReadiness).
        "treaty.gateway.wait-for-routing=0s" })
@AutoConfigureWebTestClient
class GatewayRoutingTest {

    static final String INTEGRATION_KEY = "ingest-key-0123456789";
    static final String AUDITOR_KEY = "auditor-key-0123456789";
    static final String OPERATOR_KEY = "operator-key-0123456789";
    static final String SECRET = "a-gateway-secret-of-at-least-32-bytes";

    /** A request as the stub service saw it; header names lower-cased. */
    record Received(String method, String path, Map<String, String> headers) {
    }

    private static final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpServer service = startService();

    private static HttpServer startService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestURI().getPath().equals("/actuator/health/readiness")) {
                    // The load balancer's health check: not a request the gateway forwarded, so not recorded.
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                    return;
                }
                if (exchange.getRequestURI().getPath().endsWith("/slow")) {
                    // Answered after the gateway gave up: not recorded, or it would land in a later test's queue.
                    sleepPastTheResponseTimeout();
                    exchange.close();
                    return;
                }
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
                Received request =
                        new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers);
                received.add(request);
                byte[] body = json.writeValueAsBytes(request);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepPastTheResponseTimeout() {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void routeToStubService(DynamicPropertyRegistry registry) {
        String uri = "http://localhost:" + service.getAddress().getPort();
        registry.add("treaty.gateway.routes.registry", () -> uri);
        registry.add("treaty.gateway.routes.reporting", () -> uri);
        registry.add("treaty.gateway.routes.indicators", () -> "http://localhost:" + closedPort());
    }

    @AfterAll
    static void stopService() {
        service.stop(0);
    }

    @Autowired
    private WebTestClient client;

    @BeforeEach
    void forgetEarlierRequests() {
        received.clear();
    }

    @Test
    void rejectsRequestWithoutKeyAsProblemDetail() {
        client.get().uri("/api/registry/states").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-API-Key\"")
                .expectBody()
                .jsonPath("$.type").isEqualTo(Problems.TYPE_BASE + "unauthorized")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isEqualTo("Send an API key in the X-API-Key header.")
                .jsonPath("$.instance").isEqualTo("/api/registry/states");
        assertThat(received).isEmpty();
    }

    @Test
    void rejectsUnknownKeyAsProblemDetail() {
        client.get().uri("/api/registry/states").header("X-API-Key", "not-a-configured-key-123").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isEqualTo(
                        "The API key in the X-API-Key header is not known. Check it, or ask an operator for a key.");
        assertThat(received).isEmpty();
    }

    @Test
    void refusesAuditorPostingEventsNamingTheRoleNeeded() {
        client.post().uri("/api/registry/events").header("X-API-Key", AUDITOR_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(Problems.TYPE_BASE + "forbidden")
                .jsonPath("$.title").isEqualTo("Forbidden")
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.detail").isEqualTo(
                        "This endpoint needs role 'integration'; the key 'auditor-1' has role 'auditor'.")
                .jsonPath("$.instance").isEqualTo("/api/registry/events");
        assertThat(received).isEmpty();
    }

    @Test
    void refusesIntegrationKeyReading() {
        client.get().uri("/api/registry/states").header("X-API-Key", INTEGRATION_KEY).exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.detail").isEqualTo(
                        "This endpoint needs role 'auditor' or 'operator'; the key 'ingest-1' has role 'integration'.");
        assertThat(received).isEmpty();
    }

    @Test
    void refusesMethodsTheApiDoesNotHaveForAnyRole() {
        client.delete().uri("/api/registry/states/UKR").header("X-API-Key", OPERATOR_KEY).exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.detail").value(String.class,
                        detail -> assertThat(detail).startsWith("No key may call DELETE /api/registry/states/UKR"));
        assertThat(received).isEmpty();
    }

    @Test
    void forwardsIntegrationEventsWithSignedGatewayTokenInsteadOfTheKey() throws Exception {
        String requestId = client.post().uri("/api/registry/events")
                .header("X-API-Key", INTEGRATION_KEY)
                .header(HttpHeaders.AUTHORIZATION, "Bearer forged-by-the-client")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange()
                .expectStatus().isOk()
                .returnResult(Void.class).getResponseHeaders().getFirst("X-Request-Id");

        Received request = received.remove();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/registry/events");
        assertThat(request.headers()).doesNotContainKey("x-api-key");
        assertThat(request.headers().get("authorization")).startsWith("Bearer ");
        SignedJWT jwt = SignedJWT.parse(request.headers().get("authorization").substring("Bearer ".length()));
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("treaty-registry-gateway");
        assertThat(claims.getSubject()).isEqualTo("ingest-1");
        assertThat(claims.getStringListClaim("roles")).containsExactly("integration");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(60_000);
        assertThat(claims.getExpirationTime()).isAfter(Instant.now());
        assertThat(claims.getJWTID()).isEqualTo(requestId);
    }

    @Test
    void forwardsOperatorOperationsToTheService() throws Exception {
        client.post().uri("/api/registry/operations/replay").header("X-API-Key", OPERATOR_KEY).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/api/registry/operations/replay");

        SignedJWT jwt = SignedJWT.parse(received.remove().headers().get("authorization").substring("Bearer ".length()));
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("operator-1");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("operator");
    }

    @Test
    void routesEachServicesPathsUnchanged() {
        for (String path : new String[] { "/api/registry/states/UKR", "/api/reporting/reports/UKR" }) {
            client.get().uri(path).header("X-API-Key", AUDITOR_KEY).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.method").isEqualTo("GET").jsonPath("$.path").isEqualTo(path);
        }
        assertThat(received).hasSize(2);
    }

    @Test
    void answersUnreachableServiceWithServiceUnavailableProblem() {
        client.get().uri("/api/indicators/coverage").header("X-API-Key", AUDITOR_KEY)
                .header("X-Request-Id", "down-1").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, UnavailableServiceFilter.RETRY_AFTER_SECONDS)
                .expectBody()
                // Its one instance fails the load balancer's health check, so none is tried (GatewayBalancingTest).
                .jsonPath("$.type").isEqualTo(Problems.TYPE_BASE + "service-unavailable")
                .jsonPath("$.detail").isEqualTo(
                        "No instance of the service is ready right now; nothing was sent to it. Try again shortly.")
                .jsonPath("$.requestId").isEqualTo("down-1");
    }

    @Test
    void isLiveButNotReadyWhileAServiceHasNoInstanceReady() {
        // Indicators' one instance refuses connections: no request to it can be routed.
        client.get().uri("/api/indicators/coverage").header("X-API-Key", AUDITOR_KEY).exchange()
                .expectStatus().isEqualTo(503);
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void answersSlowServiceWithGatewayTimeoutProblem() {
        client.get().uri("/api/registry/states/slow").header("X-API-Key", AUDITOR_KEY).exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(Problems.TYPE_BASE + "gateway-timeout")
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains("check before sending it again"));
    }

    @Test
    void answersPathWithoutServiceWithNotFoundProblem() {
        client.get().uri("/api/elsewhere/states").header("X-API-Key", AUDITOR_KEY).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(Problems.TYPE_BASE + "not-found")
                .jsonPath("$.detail").isEqualTo(
                        "Nothing is at GET /api/elsewhere/states. The API is described at /api/docs/openapi.yaml.");
        assertThat(received).isEmpty();
    }

    @Test
    void generatesRequestIdWhenAbsentAndReturnsTheOneTheServiceGot() {
        String requestId = client.get().uri("/api/registry/states").header("X-API-Key", AUDITOR_KEY).exchange()
                .expectStatus().isOk()
                .returnResult(Void.class).getResponseHeaders().getFirst("X-Request-Id");

        assertThat(UUID.fromString(requestId)).isNotNull();
        assertThat(received.remove().headers().get("x-request-id")).isEqualTo(requestId);
    }

    @Test
    void propagatesClientsRequestId() {
        client.get().uri("/api/registry/states").header("X-API-Key", AUDITOR_KEY)
                .header("X-Request-Id", "client-trace_42.a").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "client-trace_42.a");

        assertThat(received.remove().headers().get("x-request-id")).isEqualTo("client-trace_42.a");
    }

    @Test
    void replacesRequestIdThatIsNotASaneToken() {
        String requestId = client.get().uri("/api/registry/states").header("X-API-Key", AUDITOR_KEY)
                .header("X-Request-Id", "x".repeat(65)).exchange()
                .expectStatus().isOk()
                .returnResult(Void.class).getResponseHeaders().getFirst("X-Request-Id");

        assertThat(UUID.fromString(requestId)).isNotNull();
        assertThat(received.remove().headers().get("x-request-id")).isEqualTo(requestId);
    }

    @Test
    void putsRequestIdOnRefusalsToo() {
        client.get().uri("/api/registry/states").header("X-Request-Id", "refused-1").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Request-Id", "refused-1")
                .expectBody().jsonPath("$.requestId").isEqualTo("refused-1");
    }

    @Test
    void servesApiDocsWithoutKey() {
        client.get().uri("/api/docs/openapi.yaml").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_YAML)
                .expectBody(String.class).value(body -> assertThat(body).startsWith("openapi: 3.1.0"));
        client.get().uri("/api/docs/asyncapi.yaml").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_YAML)
                .expectBody(String.class).value(body -> assertThat(body)
                        .startsWith("asyncapi: 3.0.0").contains("address: apmbc.registry.events"));
        assertThat(received).isEmpty();
    }

    @Test
    void servesTheConsoleAndSwaggerUiWithoutKeyFromThisOriginOnly() {
        client.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("default-src 'self'"))
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("<script type=\"module\" src=\"/console/console.js\">").doesNotContain("http"));
        client.get().uri("/console/console.js").exchange().expectStatus().isOk();
        client.get().uri("/console/map/countries-110m.json").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).startsWith("{\"type\":\"Topology\""));
        client.get().uri("/api/docs").exchange().expectStatus().isPermanentRedirect()
                .expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location).endsWith("/api/docs/"));
        client.get().uri("/api/docs/").exchange().expectStatus().isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("/webjars/swagger-ui/swagger-ui-bundle.js"));
        client.get().uri("/webjars/swagger-ui/swagger-ui-bundle.js").exchange().expectStatus().isOk();
        client.get().uri("/webjars/swagger-ui/no-such-file.js").exchange().expectStatus().isNotFound();
        client.get().uri("/console/no-such-file.js").exchange().expectStatus().isNotFound();
        assertThat(received).isEmpty();
    }

    @Test
    void stillRefusesTheApiWithoutKeyNextToTheConsole() {
        client.get().uri("/api/registry/states").exchange().expectStatus().isUnauthorized();
        client.post().uri("/console/console.js").exchange().expectStatus().isUnauthorized();
        assertThat(received).isEmpty();
    }

    @Test
    void exposesHealthAndMetricsWithoutKey() {
        client.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("application=\"gateway\""));
    }

    @Test
    void keepsOtherActuatorEndpointsClosed() {
        client.get().uri("/actuator/env").header("X-API-Key", OPERATOR_KEY).exchange()
                .expectStatus().isForbidden();
    }
}
