package org.treatyregistry.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's own settings, checked while binding so that a misconfigured gateway refuses to start rather than
 * rejecting every request.
 */
@ConfigurationProperties("treaty")
public record TreatyGatewayProperties(@DefaultValue Gateway gateway, @DefaultValue Security security) {

    static final int MIN_SECRET_BYTES = 32;

    /**
     * @param apiKeys comma-separated {@code name:role:key} entries
     * @param routes  the instances of each backend service the load balancer spreads its route over
     */
    public record Gateway(String apiKeys, @DefaultValue Routes routes) {
        public Gateway {
            ApiKeys.parse(apiKeys);
        }
    }

    /**
     * Each a comma-separated list of instance base URIs ({@code http://host:port}), one or more: compose lists
     * every container of the service, the local run its one instance.
     */
    public record Routes(String registry, String reporting, String indicators) {
        public Routes {
            ServiceInstanceUris.parse("registry", registry);
            ServiceInstanceUris.parse("reporting", reporting);
            ServiceInstanceUris.parse("indicators", indicators);
        }

        /** Service id (the host of its {@code lb://} route) to the base URIs of its instances, in the order given. */
        public Map<String, List<URI>> instances() {
            Map<String, List<URI>> instances = new LinkedHashMap<>();
            instances.put("registry", ServiceInstanceUris.parse("registry", registry));
            instances.put("reporting", ServiceInstanceUris.parse("reporting", reporting));
            instances.put("indicators", ServiceInstanceUris.parse("indicators", indicators));
            return instances;
        }
    }

    /** @param gatewaySecret HMAC key of the tokens the services verify; HS256 needs at least 256 bits */
    public record Security(String gatewaySecret) {
        public Security {
            if (gatewaySecret == null || gatewaySecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("treaty.security.gateway-secret (TREATY_GATEWAY_SECRET) must be "
                        + "at least " + MIN_SECRET_BYTES + " bytes: HS256 needs a 256-bit key");
            }
        }
    }
}
