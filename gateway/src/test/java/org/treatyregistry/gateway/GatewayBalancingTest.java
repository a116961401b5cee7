package org.treatyregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
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

/**
 * The gateway in front of two stub instances of each service, on random loopback ports: it spreads requests over
 * them, stops sending to one whose readiness is not UP or that is gone without a GET or POST failing meanwhile
 * (a refused connection is tried on the other), never sends a POST twice once it reached an instance, and answers
 * 503 with Retry-After when no instance is left. Each test has a service of its own: registry for spreading,
 * readiness and POSTs, reporting for an instance stopped, indicators for both down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "treaty.gateway.api-keys=ingest-1:integration:" + GatewayBalancingTest.INTEGRATION_KEY
                + ",auditor-1:auditor:" + GatewayBalancingTest.AUDITOR_KEY,
        "treaty.security.gateway-secret=a-gateway-secret-of-at-least-32-bytes",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=2s" })
@AutoConfigureWebTestClient(timeout = "10s")
class GatewayBalancingTest {

    static final String INTEGRATION_KEY = "ingest-key-0123456789";
    static final String AUDITOR_KEY = "auditor-key-0123456789";
    /** Two health-check intervals (2 s each) and some slack for a loaded machine. */
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(7);

    private static final StubInstance registry1 = new StubInstance("registry-1");
    private static final StubInstance registry2 = new StubInstance("registry-2");
    private static final StubInstance reporting1 = new StubInstance("reporting-1");
    private static final StubInstance reporting2 = new StubInstance("reporting-2");
    private static final StubInstance indicators1 = new StubInstance("indicators-1");
    private static final StubInstance indicators2 = new StubInstance("indicators-2");

    @DynamicPropertySource
    static void routeToStubInstances(DynamicPropertyRegistry properties) {
        properties.add("treaty.gateway.routes.registry", () -> registry1.uri() + "," + registry2.uri());
        properties.add("treaty.gateway.routes.reporting", () -> reporting1.uri() + ", " + reporting2.uri());
        properties.add("treaty.gateway.routes.indicators", () -> indicators1.uri() + "," + indicators2.uri());
    }

    @AfterAll
    static void stopInstances() {
        List.of(registry1, registry2, reporting1, reporting2, indicators1, indicators2).forEach(StubInstance::stop);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void spreadsRequestsOverBothInstancesOfAService() {
        awaitBothInRotation("/api/registry/states", registry1, registry2);
        int before1 = registry1.requests(), before2 = registry2.requests();

        for (int i = 0; i < 20; i++) {
            read("/api/registry/states");
        }

        assertThat(registry1.requests() - before1).as("requests to registry-1 of 20").isGreaterThanOrEqualTo(5);
        assertThat(registry2.requests() - before2).as("requests to registry-2 of 20").isGreaterThanOrEqualTo(5);
        assertThat(registry1.requests() - before1 + registry2.requests() - before2).isEqualTo(20);
    }

    @Test
    void stopsSendingToAnInstanceWhoseReadinessIsNotUpAndResumesWhenItIsAgain() {
        awaitBothInRotation("/api/registry/states", registry1, registry2);
        try {
            registry1.ready(false);
            // Every read succeeds meanwhile: the instance still answers, it only asks to be left alone.
            await().atMost(NOTICED_WITHIN).pollDelay(Duration.ZERO).untilAsserted(() -> {
                int before = registry1.requests();
                for (int i = 0; i < 6; i++) {
                    read("/api/registry/states");
                }
                assertThat(registry1.requests()).as("requests to registry-1, not ready").isEqualTo(before);
            });
            int before = registry1.requests();
            for (int i = 0; i < 10; i++) {
                read("/api/registry/states");
            }
            assertThat(registry1.requests()).as("requests to registry-1 once out of rotation").isEqualTo(before);
        } finally {
            registry1.ready(true);
        }
        awaitBothInRotation("/api/registry/states", registry1, registry2);
    }

    @Test
    void anInstanceThatStopsCostsNoReadAndNoPostAndNoPostIsDoubled() throws InterruptedException {
        awaitBothInRotation("/api/reporting/reports/UKR", reporting1, reporting2);

        reporting1.stop();
        // Long enough for the closed connections to leave the gateway's pool, well short of the next health check:
        // the first requests still go to the stopped instance, are refused and go to the other one.
        Thread.sleep(100);
        int posted = 0, postsBefore = reporting2.posts();
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            read("/api/reporting/reports/UKR");
            post("/api/reporting/events", "[]").expectStatus().isOk();
            posted++;
        }

        assertThat(reporting2.posts() - postsBefore).as("POSTs that reached reporting-2").isEqualTo(posted);
    }

    @Test
    void answersServiceUnavailableWithRetryAfterWhenNoInstanceIsUp() {
        awaitBothInRotation("/api/indicators/coverage", indicators1, indicators2);
        try {
            indicators1.ready(false);
            indicators2.ready(false);
            await().atMost(NOTICED_WITHIN).untilAsserted(() -> unavailable("/api/indicators/coverage")
                    .jsonPath("$.detail").isEqualTo(
                            "No instance of the service is ready right now; nothing was sent to it. "
                                    + "Try again shortly."));
            int before = indicators1.requests() + indicators2.requests();
            unavailable("/api/indicators/coverage");
            assertThat(indicators1.requests() + indicators2.requests()).as("requests that reached an instance")
                    .isEqualTo(before);
        } finally {
            indicators1.ready(true);
            indicators2.ready(true);
        }
        awaitBothInRotation("/api/indicators/coverage", indicators1, indicators2);

        // Gone before the health check sees it: each is tried, refuses the connection, and the caller is told so.
        indicators1.stop();
        indicators2.stop();
        unavailable("/api/indicators/coverage").jsonPath("$.detail").value(String.class,
                detail -> assertThat(detail).endsWith("nothing was sent to it. Try again shortly."));
        post("/api/indicators/events", "[]")
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, UnavailableServiceFilter.RETRY_AFTER_SECONDS);
        await().atMost(NOTICED_WITHIN).untilAsserted(() -> unavailable("/api/indicators/coverage")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).startsWith("No instance")));
    }

    @Test
    void neverSendsAPostAgainOnceItReachedAnInstance() {
        awaitBothInRotation("/api/registry/states", registry1, registry2);
        for (String answer : new String[] { "500", "503", "drop" }) {
            int before = registry1.posts() + registry2.posts();

            client.post().uri("/api/registry/events").header("X-API-Key", INTEGRATION_KEY)
                    .header(StubInstance.ANSWER_HEADER, answer)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange()
                    .expectStatus().is5xxServerError();

            assertThat(registry1.posts() + registry2.posts()).as("POSTs that reached an instance, answered %s", answer)
                    .isEqualTo(before + 1);
        }
    }

    @Test
    void aServiceLostBeforeItAnsweredIsABadGatewayThatSaysAPostCanBeSentAgain() {
        awaitBothInRotation("/api/registry/states", registry1, registry2);
        client.post().uri("/api/registry/events").header("X-API-Key", INTEGRATION_KEY)
                .header(StubInstance.ANSWER_HEADER, "drop")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("may or may not have taken effect", "same client ids"));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private void read(String path) {
        client.get().uri(path).header("X-API-Key", AUDITOR_KEY).exchange().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec post(String path, String body) {
        return client.post().uri(path).header("X-API-Key", INTEGRATION_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.BodyContentSpec unavailable(String path) {
        return client.get().uri(path).header("X-API-Key", AUDITOR_KEY).header("X-Request-Id", "none-up-1").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, UnavailableServiceFilter.RETRY_AFTER_SECONDS)
                .expectBody()
                .jsonPath("$.type").isEqualTo(Problems.TYPE_BASE + "service-unavailable")
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.instance").isEqualTo(path)
                .jsonPath("$.requestId").isEqualTo("none-up-1");
    }

    /** Until both instances have passed a health check: a few reads reach each of them. */
    private void awaitBothInRotation(String path, StubInstance first, StubInstance second) {
        await().atMost(NOTICED_WITHIN).pollDelay(Duration.ZERO).untilAsserted(() -> {
            int before1 = first.requests(), before2 = second.requests();
            for (int i = 0; i < 6; i++) {
                read(path);
            }
            assertThat(first.requests()).as("requests to %s", first.name).isGreaterThan(before1);
            assertThat(second.requests()).as("requests to %s", second.name).isGreaterThan(before2);
        });
    }

    /**
     * One instance of a service: answers its readiness as told, and any other request 200 unless the request asks
     * for a 5xx or a dropped connection in {@link #ANSWER_HEADER}. Counts what reached it, health checks aside.
     */
    static final class StubInstance {

        static final String ANSWER_HEADER = "X-Stub-Answer";

        final String name;
        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool();
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger posts = new AtomicInteger();
        private volatile boolean ready = true;
        private volatile boolean stopped;

        StubInstance(String name) {
            this.name = name;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        private void handle(HttpExchange exchange) throws IOException {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/actuator/health/readiness")) {
                respond(exchange, ready ? 200 : 503, ready ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}");
                return;
            }
            requests.incrementAndGet();
            if (exchange.getRequestMethod().equals("POST")) {
                posts.incrementAndGet();
            }
            String answer = exchange.getRequestHeaders().getFirst(ANSWER_HEADER);
            if ("drop".equals(answer)) {
                exchange.close(); // no response: the connection closes under the gateway
                return;
            }
            respond(exchange, answer == null ? 200 : Integer.parseInt(answer), "{\"instance\":\"" + name + "\"}");
        }

        private static void respond(HttpExchange exchange, int status, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void ready(boolean ready) {
            this.ready = ready;
        }

        int requests() {
            return requests.get();
        }

        int posts() {
            return posts.get();
        }

        /** Abruptly: the listening socket and every open connection close at once. */
        synchronized void stop() {
            if (!stopped) {
                stopped = true;
                server.stop(0);
                executor.shutdownNow();
            }
        }
    }
}
