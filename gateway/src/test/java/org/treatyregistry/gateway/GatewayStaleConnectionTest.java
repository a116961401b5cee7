package org.treatyregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.treatyregistry.gateway.KeepAliveService.Arrival;

/**
 * The spurious 502, reproduced: with the pool as it was before gateway.yml set a max idle time, the gateway sends a
 * request on a connection the service is closing for idleness, and the service answers nothing. A POST gets the
 * 502; a GET is saved by the one retry. {@link GatewayConnectionsTest} shows the same requests answered once the
 * pool retires idle connections first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "treaty.gateway.api-keys=ingest-1:integration:" + GatewayConnectionsTest.INTEGRATION_KEY
                + ",auditor-1:auditor:" + GatewayConnectionsTest.AUDITOR_KEY,
        "treaty.security.gateway-secret=a-gateway-secret-of-at-least-32-bytes",
        // Reactor Netty's defaults: an idle connection is kept and reused, however long it sat idle.
        "spring.cloud.gateway.server.webflux.httpclient.pool.max-idle-time=",
        "spring.cloud.gateway.server.webflux.httpclient.pool.max-life-time=",
        "spring.cloud.gateway.server.webflux.httpclient.pool.eviction-interval=0s" })
@AutoConfigureWebTestClient(timeout = "10s")
class GatewayStaleConnectionTest {

    private static final KeepAliveService service = new KeepAliveService(GatewayConnectionsTest.SERVICE_KEEP_ALIVE);

    @DynamicPropertySource
    static void routeToTheService(DynamicPropertyRegistry properties) {
        properties.add("treaty.gateway.routes.registry", service::uri);
        properties.add("treaty.gateway.routes.reporting", service::uri);
        properties.add("treaty.gateway.routes.indicators", service::uri);
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @Autowired
    private WebTestClient client;

    @BeforeEach
    void serviceInRotation() {
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).untilAsserted(() -> client.get()
                .uri("/api/registry/states").header("X-API-Key", GatewayConnectionsTest.AUDITOR_KEY)
                .header(KeepAliveService.CLOSE_HEADER, "in-rotation:0").exchange().expectStatus().isOk());
    }

    @Test
    void aConnectionReusedAfterTheServicesKeepAliveLosesThePostAndCostsTheGetARetry() throws InterruptedException {
        post("warm").expectStatus().isOk();
        GatewayConnectionsTest.idlePastTheServicesKeepAlive();

        post("after-idle").expectStatus().isEqualTo(502)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("sent again with the same client ids"));
        assertThat(service.arrivals("after-idle")).as("the POST").extracting(Arrival::answered)
                .containsExactly(false);

        client.get().uri("/api/registry/states").header("X-API-Key", GatewayConnectionsTest.AUDITOR_KEY)
                .header(KeepAliveService.CLOSE_HEADER, "warm-get:0").exchange().expectStatus().isOk();
        GatewayConnectionsTest.idlePastTheServicesKeepAlive();

        client.get().uri("/api/registry/states").header("X-API-Key", GatewayConnectionsTest.AUDITOR_KEY)
                .header(KeepAliveService.CLOSE_HEADER, "after-idle-get:0").exchange().expectStatus().isOk();
        List<Arrival> get = service.arrivals("after-idle-get");
        assertThat(get).as("the GET: met by the close, then answered").extracting(Arrival::answered)
                .containsExactly(false, true);
        assertThat(service.closedIdle()).as("requests sent on a connection the service had let go").isEqualTo(2);
    }

    private WebTestClient.ResponseSpec post(String tag) {
        return client.post().uri("/api/registry/events").header("X-API-Key", GatewayConnectionsTest.INTEGRATION_KEY)
                .header(KeepAliveService.CLOSE_HEADER, tag + ":0")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange();
    }
}
