package org.treatyregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

class GatewayTokensTest {

    private static final String SECRET = "a-gateway-secret-of-at-least-32-bytes";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.750Z");

    private final GatewayTokens tokens = new GatewayTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void mintsHs256TokenThatVerifiesWithTheSecretAndCarriesTheCallersClaims() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.mint(new ApiClient("ingest-1", Role.INTEGRATION), "req-42"));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("treaty-registry-gateway");
        assertThat(claims.getSubject()).isEqualTo("ingest-1");
        assertThat(claims.getStringListClaim("roles")).containsExactly("integration");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(Instant.parse("2026-03-01T12:00:00Z")));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(Instant.parse("2026-03-01T12:01:00Z")));
        assertThat(claims.getJWTID()).isEqualTo("req-42");
    }

    @Test
    void tokenDoesNotVerifyWithAnotherSecret() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.mint(new ApiClient("auditor-1", Role.AUDITOR), "req-43"));

        byte[] otherSecret = "another-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8);
        assertThat(jwt.verify(new MACVerifier(otherSecret))).isFalse();
    }
}
