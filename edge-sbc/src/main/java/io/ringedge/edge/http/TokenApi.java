package io.ringedge.edge.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.ringedge.edge.token.TokenIssuer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/tokens}: mints a device token. Admin only ({@code X-Api-Key}); the answer
 * carries the token, its expiry and the WebSocket URL to register on.
 */
public final class TokenApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._+@-]{1,128}");
    private static final int MAX_BODY = 4096;

    private final Optional<TokenIssuer> issuer;
    private final byte[] adminKey;
    private final Duration maxLifetime;
    private final Supplier<String> wsUrl;

    /** @param issuer empty when the configured key cannot sign (ES256 without private key): 503 */
    public TokenApi(Optional<TokenIssuer> issuer, String adminKey, Duration maxLifetime, Supplier<String> wsUrl) {
        this.issuer = issuer;
        this.adminKey = adminKey.getBytes(StandardCharsets.UTF_8);
        this.maxLifetime = maxLifetime;
        this.wsUrl = wsUrl;
    }

    public void mint(ServerRequest req, ServerResponse res) {
        byte[] presented = req.headers().first(HeaderNames.create("X-Api-Key")).orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(adminKey, presented)) {
            error(res, Status.UNAUTHORIZED_401, "missing or wrong X-Api-Key");
            return;
        }
        if (issuer.isEmpty()) {
            error(res, Status.SERVICE_UNAVAILABLE_503, "this edge has no token signing key (edge.token.ec-private-key)");
            return;
        }
        JsonNode body;
        try {
            byte[] raw = req.content().inputStream().readNBytes(MAX_BODY + 1);
            if (raw.length > MAX_BODY) {
                error(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "body larger than " + MAX_BODY + " bytes");
                return;
            }
            body = JSON.readTree(raw);
        } catch (IOException e) {
            error(res, Status.BAD_REQUEST_400, "body is not JSON");
            return;
        }
        if (body == null || !body.isObject()) {
            error(res, Status.BAD_REQUEST_400, "body must be a JSON object {tenant, user, device, ttlSeconds}");
            return;
        }
        String problem = firstProblem(body);
        if (problem != null) {
            error(res, Status.BAD_REQUEST_400, problem);
            return;
        }
        long ttl = body.path("ttlSeconds").asLong(maxLifetime.toSeconds());
        var minted = issuer.get().mint(body.get("tenant").asText(), body.get("user").asText(),
                body.get("device").asText(), Duration.ofSeconds(ttl));
        ObjectNode out = JSON.createObjectNode();
        out.put("token", minted.token());
        out.put("expiresAt", minted.claims().expiresAt().toString());
        out.put("wsUrl", wsUrl.get());
        json(res, Status.OK_200, out);
    }

    private String firstProblem(JsonNode body) {
        for (String field : new String[]{"tenant", "user", "device"}) {
            JsonNode v = body.get(field);
            if (v == null || !v.isTextual() || !ID.matcher(v.asText()).matches()) {
                return "'" + field + "' must be 1-128 characters of [A-Za-z0-9._+@-]";
            }
        }
        JsonNode ttl = body.get("ttlSeconds");
        if (ttl != null && (!ttl.canConvertToLong() || !ttl.isIntegralNumber() || ttl.asLong() < 1
                || ttl.asLong() > maxLifetime.toSeconds())) {
            return "'ttlSeconds' must be an integer 1.." + maxLifetime.toSeconds();
        }
        return null;
    }

    static void error(ServerResponse res, Status status, String message) {
        json(res, status, JSON.createObjectNode().put("error", message));
    }

    static void json(ServerResponse res, Status status, JsonNode body) {
        res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(body.toString());
    }
}
