package org.treatyregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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
                    "treaty.security.gateway-secret=a-gateway-secret-of-at-least-32-bytes");

    @Test
    void bindsAValidConfiguration() {
        runner.run(context -> assertThat(context.getBean(TreatyGatewayProperties.class).gateway().apiKeys())
                .isEqualTo("ingest-1:integration:ingest-key-0123456789"));
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
                        .rootCause().hasMessageContaining("gateway-secret (TREATY_GATEWAY_SECRET) must be at least 32 bytes"));
    }
}
