package org.treatyregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Binding is where the gateway refuses a bad configuration, so these bind the record as the application does. */
class TreatyGatewayPropertiesTest {

    @EnableConfigurationProperties(TreatyGatewayProperties.class)
    static class Binding {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Binding.class)
            .withPropertyValues("treaty.gateway.api-keys=ingest-1:integration:ingest-key-0123456789",
                    "treaty.security.gateway-secret=a-gateway-secret-of-at-least-32-bytes",
                    "treaty.gateway.routes.registry=http://registry-service-1:8081,http://registry-service-2:8081",
                    "treaty.gateway.routes.reporting=http://reporting-service:8082",
                    "treaty.gateway.routes.indicators=https://indicators.example.org");

    @Test
    void bindsAValidConfiguration() {
        runner.run(context -> assertThat(context.getBean(TreatyGatewayProperties.class).gateway().apiKeys())
                .isEqualTo("ingest-1:integration:ingest-key-0123456789"));
    }

    @Test
    void bindsEachServicesInstancesInTheOrderGivenWithExplicitPorts() {
        runner.run(context -> assertThat(context.getBean(TreatyGatewayProperties.class).gateway().routes().instances())
                .containsExactly(
                        entry("registry", List.of(URI.create("http://registry-service-1:8081"),
                                URI.create("http://registry-service-2:8081"))),
                        entry("reporting", List.of(URI.create("http://reporting-service:8082"))),
                        entry("indicators", List.of(URI.create("https://indicators.example.org:443")))));
    }

    @Test
    void refusesToStartWithAnEmptyInstanceList() {
        runner.withPropertyValues("treaty.gateway.routes.reporting= ")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("treaty.gateway.routes.reporting (REPORTING_URIS) is empty"));
    }

    @Test
    void refusesToStartWithoutAnInstanceList() {
        new ApplicationContextRunner().withUserConfiguration(Binding.class)
                .withPropertyValues("treaty.gateway.api-keys=ingest-1:integration:ingest-key-0123456789",
                        "treaty.security.gateway-secret=a-gateway-secret-of-at-least-32-bytes")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("treaty.gateway.routes.registry (REGISTRY_URIS) is empty"));
    }

    @Test
    void refusesToStartWithAMalformedInstanceUri() {
        for (String malformed : new String[] { "registry-service:8081", "http://registry-service:8081/api",
                "ftp://registry-service:21", "http://a:8081,,http://b:8081", "http://a:8081,http://a:8081" }) {
            runner.withPropertyValues("treaty.gateway.routes.registry=" + malformed)
                    .run(context -> assertThat(context).as(malformed).hasFailed().getFailure()
                            .rootCause().hasMessageContaining("of treaty.gateway.routes.registry (REGISTRY_URIS)"));
        }
    }

    @Test
    void refusesToStartWithMalformedApiKeys() {
        runner.withPropertyValues("treaty.gateway.api-keys=ingest-1-integration-ingest-key-0123456789")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("Entry 1 of treaty.gateway.api-keys (TREATY_API_KEYS) "
                                + "is not of the form name:role:key"));
    }

    @Test
    void refusesToStartWithoutApiKeys() {
        runner.withPropertyValues("treaty.gateway.api-keys=")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("treaty.gateway.api-keys (TREATY_API_KEYS) is empty"));
    }

    @Test
    void refusesToStartWithSecretShorterThan32Bytes() {
        runner.withPropertyValues("treaty.security.gateway-secret=only-31-bytes-long-secret-value")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause()
                        .hasMessageContaining("gateway-secret (TREATY_GATEWAY_SECRET) must be at least 32 bytes"));
    }
}
