package org.treatyregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployed limits keep the order {@link GatewayConnectionsTest} shows safe: the gateway retires a pooled
 * connection well before a service would close it for idleness. Reads the services' configuration from their
 * modules (the gateway does not depend on them).
 */
class ConnectionLimitsTest {

    @ParameterizedTest
    @ValueSource(strings = { "registry-service", "reporting-service", "indicators-service" })
    void theGatewayRetiresAnIdleConnectionWellBeforeTheServiceClosesIt(String service) {
        Map<String, Object> pool = section(gatewayConfiguration(),
                "spring", "cloud", "gateway", "server", "webflux", "httpclient", "pool");
        Map<String, Object> tomcat = section(serviceConfiguration(service), "server", "tomcat");

        Duration gatewayIdle = duration(pool.get("max-idle-time"));
        Duration serviceKeepAlive = duration(tomcat.get("keep-alive-timeout"));

        assertThat(gatewayIdle).as("gateway's max-idle-time").isPositive();
        // With room to spare: on a loaded machine a request may wait between the pool's check and its sending.
        assertThat(gatewayIdle.multipliedBy(2)).as("twice the gateway's max-idle-time, against %s's keep-alive",
                service).isLessThan(serviceKeepAlive);
        assertThat(tomcat.get("max-keep-alive-requests")).as("%s's max-keep-alive-requests", service).isNotNull();
    }

    private static Map<String, Object> gatewayConfiguration() {
        try (InputStream in = ConnectionLimitsTest.class.getResourceAsStream("/gateway.yml")) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> serviceConfiguration(String service) {
        Path file = Path.of("..", service, "src", "main", "resources", service + ".yml");
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> configuration, String... keys) {
        Map<String, Object> section = configuration;
        for (String key : keys) {
            assertThat(section).as("configuration at %s", key).containsKey(key);
            section = (Map<String, Object>) section.get(key);
        }
        return section;
    }

    private static Duration duration(Object value) {
        assertThat(value).as("a duration").isNotNull();
        return DurationStyle.detectAndParse(value.toString());
    }
}
