package io.ringedge.edge.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Mints short-lived device tokens (JWT, RFC 7519) signed with the configured key. */
public final class TokenIssuer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenKey key;
    private final Clock clock;

    public TokenIssuer(TokenKey key, Clock clock) {
        if (!key.canSign()) {
            throw new IllegalArgumentException("the configured " + key.algorithm() + " key cannot sign (no private key)");
        }
        this.key = key;
        this.clock = clock;
    }

    public record Minted(String token, DeviceClaims claims) {
    }

    public Minted mint(String tenantId, String userId, String deviceId, Duration ttl) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant exp = now.plus(ttl);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", key.algorithm());
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("ten", tenantId);
        claims.put("sub", userId);
        claims.put("dev", deviceId);
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", exp.getEpochSecond());
        String input = encode(header) + "." + encode(claims);
        String token = input + "." + Jws.B64.encodeToString(Jws.sign(key, input));
        return new Minted(token, new DeviceClaims(tenantId, userId, deviceId, now, exp));
    }

    private static String encode(Map<String, Object> json) {
        try {
            return Jws.B64.encodeToString(JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }
}
