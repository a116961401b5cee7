package org.treatyregistry.gateway;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's own settings, checked while binding so that a misconfigured gateway refuses to start rather than
 * rejecting every request. The route URIs under {@code treaty.gateway.routes} are read by the route definitions.
 */
@ConfigurationProperties("treaty")
public record TreatyGatewayProperties(@DefaultValue Gateway gateway, @DefaultValue Security security) {

    static final int MIN_SECRET_BYTES = 32;

    /** @param apiKeys comma-separated {@code name:role:key} entries */
    public record Gateway(String apiKeys) {
        public Gateway {
            ApiKeys.parse(apiKeys);
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
