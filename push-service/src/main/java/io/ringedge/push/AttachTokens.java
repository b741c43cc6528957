package io.ringedge.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Mints and checks attach tokens: the single-use proof, carried in a wake-up push, that a device
 * registering over WSS is the one woken for a call. A token is
 * {@code base64url(json {dev, call, exp, nonce}) "." base64url(HMAC-SHA256(key, first part))};
 * the push service mints it, any edge verifies it, so both share the key
 * ({@code push.attach-token-key}).
 *
 * <p>Every refusal is a value ({@link Check.Refused}) the edge turns into a 401, never an exception.
 */
public final class AttachTokens {

    /** HMAC-SHA256 keys shorter than the hash length weaken it (RFC 2104 section 3). */
    public static final int MIN_KEY_BYTES = 32;

    private static final String HMAC = "HmacSHA256";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public AttachTokens(byte[] key, Clock clock) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("attach token key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), HMAC);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Why a token is refused. */
    public enum Refusal { MALFORMED, BAD_SIGNATURE, EXPIRED, OTHER_DEVICE, REUSED }

    /** The outcome of {@link #verify}. */
    public sealed interface Check {
        /** The token is genuine, current, for this device, and was not used before (it is now). */
        record Valid(String deviceId, String callId, Instant expires) implements Check {
        }

        record Refused(Refusal refusal) implements Check {
        }
    }

    /** Remembers used tokens until they expire; the edge backs it with Redis (SET NX). */
    @FunctionalInterface
    public interface UsedTokens {
        /** Marks {@code nonce} used; true only for the first caller, even across edges. */
        boolean firstUse(String nonce, Instant expires);
    }

    public String mint(String deviceId, String callId, Instant expires) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        ObjectNode claims = JSON.createObjectNode()
                .put("dev", deviceId)
                .put("call", callId)
                .put("exp", expires.getEpochSecond())
                .put("nonce", B64.encodeToString(nonce));
        String body = B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return body + "." + B64.encodeToString(sign(body));
    }

    /**
     * Checks {@code token} presented by {@code deviceId}. Single use is marked last, so a token shown
     * by the wrong device, or after it expired, does not burn it for the right one.
     */
    public Check verify(String token, String deviceId, UsedTokens usedTokens) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return new Check.Refused(Refusal.MALFORMED);
        }
        String body = token.substring(0, dot);
        byte[] signature;
        JsonNode claims;
        try {
            signature = B64D.decode(token.substring(dot + 1));
            claims = JSON.readTree(B64D.decode(body));
        } catch (IllegalArgumentException | IOException e) {
            return new Check.Refused(Refusal.MALFORMED);
        }
        // constant-time comparison: no timing oracle for forging the MAC byte by byte
        if (!MessageDigest.isEqual(sign(body), signature)) {
            return new Check.Refused(Refusal.BAD_SIGNATURE);
        }
        if (claims == null || !claims.path("dev").isTextual() || !claims.path("call").isTextual()
                || !claims.path("exp").canConvertToLong() || !claims.path("nonce").isTextual()) {
            return new Check.Refused(Refusal.MALFORMED);
        }
        Instant expires = Instant.ofEpochSecond(claims.get("exp").asLong());
        if (!clock.instant().isBefore(expires)) {
            return new Check.Refused(Refusal.EXPIRED);
        }
        if (!claims.get("dev").asText().equals(deviceId)) {
            return new Check.Refused(Refusal.OTHER_DEVICE);
        }
        if (!usedTokens.firstUse(claims.get("nonce").asText(), expires)) {
            return new Check.Refused(Refusal.REUSED);
        }
        return new Check.Valid(deviceId, claims.get("call").asText(), expires);
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is required of every Java platform
            throw new IllegalStateException(e);
        }
    }
}
