package org.treatyregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.treatyregistry.gateway.GatewayBalancingTest.SAFETY_NET;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.treatyregistry.gateway.GatewayBalancingTest.StubInstance;

/**
 * The gateway is ready when it can route: it does not call itself started, nor its readiness UP, before the load
 * balancer has found an instance of every service ready, so that whoever waits for it (./run, compose's
 * healthcheck, the process supervisor) never sends a first request that would be answered 503. Registry's one
 * instance is still starting when the gateway does: its first health checks answer not ready. Once the gateway
 * could route, a service without a ready instance is answered 503 with Retry-After (decision 0017), and the gateway
 * stays ready. A gateway that could not route when it started is not ready: {@code GatewayRoutingTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "treaty.gateway.api-keys=auditor-1:auditor:" + GatewayReadinessTest.AUDITOR_KEY,
        "treaty.security.gateway-secret=a-gateway-secret-of-at-least-32-bytes" })
@AutoConfigureWebTestClient(timeout = "10s")
class GatewayReadinessTest {

    static final String AUDITOR_KEY = "auditor-key-0123456789";

    private static final StubInstance registry = new StubInstance("registry-1");
    private static final StubInstance reporting = new StubInstance("reporting-1");
    private static final StubInstance indicators = new StubInstance("indicators-1");

    static {
        registry.notReadyForChecks(2);
    }

    @DynamicPropertySource
    static void routeToStubInstances(DynamicPropertyRegistry properties) {
        properties.add("treaty.gateway.routes.registry", registry::uri);
        properties.add("treaty.gateway.routes.reporting", reporting::uri);
        properties.add("treaty.gateway.routes.indicators", indicators::uri);
    }

    @AfterAll
    static void stopInstances() {
        List.of(registry, reporting, indicators).forEach(StubInstance::stop);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private LoadBalancerClientFactory balancers;

    @Test
    void isReadyOnlyOnceItCanRouteToEveryServiceAndStaysReadyThen() {
        // The gateway has started and says it is ready: the first request to each service is routed.
        readiness().expectStatus().isOk();
        read("/api/registry/states");
        read("/api/reporting/reports/UKR");
        read("/api/indicators/coverage");

        // From then on an instance going away is its service's outage, answered 503 with Retry-After: the gateway
        // stays ready, so that callers get that answer rather than no gateway at all.
        registry.ready(false);
        await().atMost(SAFETY_NET).untilAsserted(() -> assertThat(GatewayBalancingTest.inRotation(balancers,
                "registry")).as("registry's instances in rotation").isEmpty());
        client.get().uri("/api/registry/states").header("X-API-Key", AUDITOR_KEY).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, UnavailableServiceFilter.RETRY_AFTER_SECONDS)
                .expectBody().jsonPath("$.detail").isEqualTo(
                        "No instance of the service is ready right now; nothing was sent to it. Try again shortly.");
        readiness().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec readiness() {
        return client.get().uri("/actuator/health/readiness").exchange();
    }

    private void read(String path) {
        client.get().uri(path).header("X-API-Key", AUDITOR_KEY).exchange().expectStatus().isOk();
    }
}
