package io.ringedge.edge.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Checks device tokens: structure, algorithm, signature, then time claims with a small skew.
 * The signature is checked before any claim is believed.
 */
public final class TokenVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Three base64url parts without padding (RFC 7515 §2, §7.1). */
    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    /** Far larger than any device token; stops pathological input before decoding. */
    private static final int MAX_LENGTH = 4096;

    private final TokenKey key;
    private final Clock clock;
    private final Duration skew;

    public TokenVerifier(TokenKey key, Clock clock, Duration skew) {
        this.key = key;
        this.clock = clock;
        this.skew = skew;
    }

    public Verification verify(String token) {
        if (token == null || token.isEmpty()) {
            return invalid("missing token");
        }
        if (token.length() > MAX_LENGTH || !COMPACT.matcher(token).matches()) {
            return invalid("malformed token");
        }
        int dot2 = token.lastIndexOf('.');
        String signingInput = token.substring(0, dot2);
        int dot1 = signingInput.indexOf('.');
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            header = JSON.readTree(Jws.B64_DECODE.decode(signingInput.substring(0, dot1)));
            claims = JSON.readTree(Jws.B64_DECODE.decode(signingInput.substring(dot1 + 1)));
            signature = Jws.B64_DECODE.decode(token.substring(dot2 + 1));
        } catch (IllegalArgumentException | IOException e) {
            return invalid("malformed token");
        }
        if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
            return invalid("malformed token");
        }
        // RFC 8725 §3.1: only the algorithm this key is for; never "none", never HS256 keyed with an EC key.
        if (!key.algorithm().equals(header.path("alg").asText())) {
            return invalid("unsupported algorithm");
        }
        if (!Jws.verify(key, signingInput, signature)) {
            return invalid("bad signature");
        }
        return checkClaims(claims);
    }

    private Verification checkClaims(JsonNode claims) {
        String tenant = text(claims, "ten");
        String user = text(claims, "sub");
        String device = text(claims, "dev");
        if (tenant == null || user == null || device == null) {
            return invalid("missing claim (ten, sub and dev are required)");
        }
        if (!claims.path("exp").canConvertToLong() || !claims.path("iat").canConvertToLong()) {
            return invalid("missing claim (exp and iat are required)");
        }
        Instant now = clock.instant();
        Instant exp = Instant.ofEpochSecond(claims.get("exp").asLong());
        Instant iat = Instant.ofEpochSecond(claims.get("iat").asLong());
        if (!now.isBefore(exp.plus(skew))) {
            return invalid("token expired");
        }
        if (iat.isAfter(now.plus(skew))) {
            return invalid("token issued in the future");
        }
        if (claims.has("nbf")) {
            if (!claims.get("nbf").canConvertToLong()) {
                return invalid("malformed nbf claim");
            }
            if (Instant.ofEpochSecond(claims.get("nbf").asLong()).isAfter(now.plus(skew))) {
                return invalid("token not yet valid");
            }
        }
        return new Verification.Valid(new DeviceClaims(tenant, user, device, iat, exp));
    }

    private static String text(JsonNode claims, String name) {
        JsonNode n = claims.get(name);
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static Verification invalid(String reason) {
        return new Verification.Invalid(reason);
    }
}
