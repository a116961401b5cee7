package org.treatyregistry.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * Mints the token the services accept instead of API keys: HS256 over the shared gateway secret, naming the caller
 * and its role, valid for a minute (long enough for one forwarded request, too short to be worth stealing).
 */
public final class GatewayTokens {

    public static final String ISSUER = "treaty-registry-gateway";
    public static final String ROLES_CLAIM = "roles";
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    private final MACSigner signer;
    private final Clock clock;

    public GatewayTokens(String secret, Clock clock) {
        try {
            this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("The gateway secret is too short for HS256", e);
        }
        this.clock = clock;
    }

    /** A token for one request; its id is the request id, so a service's logs and the gateway's line up. */
    public String mint(ApiClient client, String requestId) {
        // JWT times have whole seconds; truncating keeps exp exactly iat + 60 s.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(client.name())
                .claim(ROLES_CLAIM, List.of(client.role().id()))
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(LIFETIME)))
                .jwtID(requestId)
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a gateway token", e);
        }
        return jwt.serialize();
    }
}
