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
import org.treatyregistry.platform.web.Problems;

/**
 * The gateway's pooled connections to a service that keeps them alive as Tomcat does: one idle past the service's
 * keep-alive timeout is never sent a request (its close and the request would cross: a 502, or a POST lost), and
 * a connection closed before any response costs a GET nothing, while a POST is never sent again.
 * <p>
 * Times scaled down from gateway.yml and the services' (20 s and 60 s): the gateway retires a connection idle for
 * 0.5 s, the service closes one idle for 1 s. {@link ConnectionLimitsTest} checks the deployed values keep that order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "treaty.gateway.api-keys=ingest-1:integration:" + GatewayConnectionsTest.INTEGRATION_KEY
                + ",auditor-1:auditor:" + GatewayConnectionsTest.AUDITOR_KEY,
        "treaty.security.gateway-secret=a-gateway-secret-of-at-least-32-bytes",
        "spring.cloud.gateway.server.webflux.httpclient.pool.max-idle-time=500ms" })
@AutoConfigureWebTestClient(timeout = "10s")
class GatewayConnectionsTest {

    static final String INTEGRATION_KEY = "ingest-key-0123456789";
    static final String AUDITOR_KEY = "auditor-key-0123456789";
    static final Duration SERVICE_KEEP_ALIVE = Duration.ofSeconds(1);

    private static final KeepAliveService service = new KeepAliveService(SERVICE_KEEP_ALIVE);

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

    /** Until the load balancer's first health check has passed: a read gets through. */
    @BeforeEach
    void serviceInRotation() {
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).untilAsserted(
                () -> get("/api/registry/states", "in-rotation", 0).expectStatus().isOk());
    }

    @Test
    void aConnectionIdlePastTheServicesKeepAliveIsRetiredBeforeItIsReused() throws InterruptedException {
        post("/api/registry/events", "warm").expectStatus().isOk();
        idlePastTheServicesKeepAlive();

        // A POST is not retried: only a connection that was not reused lets it through.
        post("/api/registry/events", "after-idle").expectStatus().isOk();
        idlePastTheServicesKeepAlive();
        get("/api/registry/states", "after-idle-get", 0).expectStatus().isOk();

        assertThat(service.closedIdle()).as("requests sent on a connection the service had let go").isZero();
        assertThat(service.arrivals("after-idle")).as("the POST, answered at once").hasSize(1)
                .allMatch(Arrival::answered);
        assertThat(service.arrivals("after-idle-get")).as("the GET, answered at once").hasSize(1)
                .allMatch(Arrival::answered);
    }

    @Test
    void aGetWhoseConnectionClosesBeforeAnyResponseIsAnsweredFromAnotherConnection() {
        get("/api/registry/states", "closed-once", 1).expectStatus().isOk();

        List<Arrival> arrivals = service.arrivals("closed-once");
        assertThat(arrivals).as("attempts").extracting(Arrival::answered).containsExactly(false, true);
        assertThat(arrivals.get(1).connection()).as("the retry's connection")
                .isNotEqualTo(arrivals.get(0).connection());
    }

    @Test
    void aGetIsSentOnceMoreAndNoMore() {
        get("/api/registry/states", "closed-twice", 2)
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(service.arrivals("closed-twice")).as("attempts").hasSize(2);
    }

    @Test
    void aPostWhoseConnectionClosesBeforeAnyResponseIsNeverSentAgain() {
        client.post().uri("/api/registry/events").header("X-API-Key", INTEGRATION_KEY)
                .header(KeepAliveService.CLOSE_HEADER, "post-closed:1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(Problems.TYPE_BASE + "bad-gateway")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("may or may not have taken effect", "sent again with the same client ids"));

        assertThat(service.arrivals("post-closed")).as("POSTs that reached the service").hasSize(1);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** The one wait here: time must pass for a connection to sit idle. */
    static void idlePastTheServicesKeepAlive() throws InterruptedException {
        Thread.sleep(SERVICE_KEEP_ALIVE.toMillis() * 3 / 2);
    }

    private WebTestClient.ResponseSpec get(String path, String tag, int closes) {
        return client.get().uri(path).header("X-API-Key", AUDITOR_KEY)
                .header(KeepAliveService.CLOSE_HEADER, tag + ":" + closes).exchange();
    }

    private WebTestClient.ResponseSpec post(String path, String tag) {
        return client.post().uri(path).header("X-API-Key", INTEGRATION_KEY)
                .header(KeepAliveService.CLOSE_HEADER, tag + ":0")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange();
    }
}
