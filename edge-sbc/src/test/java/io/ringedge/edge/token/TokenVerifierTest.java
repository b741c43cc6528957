package io.ringedge.edge.token;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class TokenVerifierTest {

    static final TokenKey.Hmac HMAC = new TokenKey.Hmac("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final Duration SKEW = Duration.ofSeconds(30);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));

    private String reason(Verification v) {
        return assertInstanceOf(Verification.Invalid.class, v).reason();
    }

    @Test
    void hs256RoundTrip() {
        var minted = new TokenIssuer(HMAC, clock).mint("t1", "alice", "phone-1", Duration.ofMinutes(5));
        var v = new TokenVerifier(HMAC, clock, SKEW).verify(minted.token());
        DeviceClaims c = assertInstanceOf(Verification.Valid.class, v).claims();
        assertEquals(new DeviceClaims("t1", "alice", "phone-1", clock.instant(), clock.instant().plusSeconds(300)), c);
    }

    @Test
    void es256RoundTripAndForeignKeyRejected() throws Exception {
        TokenKey.EcP256 key = ecKey();
        var minted = new TokenIssuer(key, clock).mint("t1", "bob", "web-7", Duration.ofMinutes(1));
        assertInstanceOf(Verification.Valid.class, new TokenVerifier(key, clock, SKEW).verify(minted.token()));
        assertEquals("bad signature", reason(new TokenVerifier(ecKey(), clock, SKEW).verify(minted.token())));
    }

    @Test
    void rfc7515AppendixA1VectorPassesTheSignatureCheck() {
        // RFC 7515 A.1: a real HS256 JWS. Its signature must verify; it then fails on our claims.
        var key = new TokenKey.Hmac(Base64.getUrlDecoder().decode(
                "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"));
        String jws = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assertEquals("missing claim (ten, sub and dev are required)", reason(new TokenVerifier(key, clock, SKEW).verify(jws)));
        // one signature character changed, away from the final character's unused bits
        String tampered = jws.replace(".dBjftJeZ4CVP", ".dBjftJeZ4CVQ");
        assertEquals("bad signature", reason(new TokenVerifier(key, clock, SKEW).verify(tampered)));
    }

    @Test
    void expiryHonoursTheSkewExactly() {
        var verifier = new TokenVerifier(HMAC, clock, SKEW);
        String token = new TokenIssuer(HMAC, clock).mint("t", "u", "d", Duration.ofSeconds(60)).token();
        clock.advance(Duration.ofSeconds(60 + 29));
        assertInstanceOf(Verification.Valid.class, verifier.verify(token));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("token expired", reason(verifier.verify(token)));
    }

    @Test
    void notYetValidAndFutureIssued() {
        var future = new MutableClock(clock.instant().plusSeconds(120));
        String token = new TokenIssuer(HMAC, future).mint("t", "u", "d", Duration.ofSeconds(300)).token();
        assertEquals("token issued in the future", reason(new TokenVerifier(HMAC, clock, SKEW).verify(token)));
        clock.advance(Duration.ofSeconds(91)); // within the skew of iat and nbf now
        assertInstanceOf(Verification.Valid.class, new TokenVerifier(HMAC, clock, SKEW).verify(token));
    }

    @Test
    void forgedPayloadIsABadSignature() {
        String token = new TokenIssuer(HMAC, clock).mint("t", "alice", "d", Duration.ofSeconds(60)).token();
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + b64("{\"ten\":\"t\",\"sub\":\"mallory\",\"dev\":\"d\",\"iat\":"
                + clock.instant().getEpochSecond() + ",\"exp\":" + (clock.instant().getEpochSecond() + 60) + "}") + "." + parts[2];
        assertEquals("bad signature", reason(new TokenVerifier(HMAC, clock, SKEW).verify(forged)));
    }

    @Test
    void algNoneAndAlgorithmConfusionAreRefused() throws Exception {
        String claims = b64("{\"ten\":\"t\",\"sub\":\"u\",\"dev\":\"d\",\"iat\":1,\"exp\":99999999999}");
        String none = b64("{\"alg\":\"none\"}") + "." + claims + ".AA";
        assertEquals("unsupported algorithm", reason(new TokenVerifier(HMAC, clock, SKEW).verify(none)));
        // An HS256 token presented to an ES256 edge must not be checked with the public key as HMAC secret.
        String hs = new TokenIssuer(HMAC, clock).mint("t", "u", "d", Duration.ofSeconds(60)).token();
        assertEquals("unsupported algorithm", reason(new TokenVerifier(ecKey(), clock, SKEW).verify(hs)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b", "a.b.c.d", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30=.sig", "a b.c.d",
            "bm90IGpzb24.bm90IGpzb24.AA", "W10.W10.AA"})
    void malformedTokens(String token) {
        String r = reason(new TokenVerifier(HMAC, clock, SKEW).verify(token));
        assertEquals(token.isEmpty() ? "missing token" : "malformed token", r);
    }

    @Test
    void missingClaims() {
        var issuerInput = b64("{\"alg\":\"HS256\"}") + "." + b64("{\"ten\":\"t\",\"sub\":\"u\",\"dev\":\"d\"}");
        String token = issuerInput + "." + Jws.B64.encodeToString(Jws.sign(HMAC, issuerInput));
        assertEquals("missing claim (exp and iat are required)", reason(new TokenVerifier(HMAC, clock, SKEW).verify(token)));
    }

    static TokenKey.EcP256 ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        return new TokenKey.EcP256((ECPublicKey) kp.getPublic(), Optional.of((ECPrivateKey) kp.getPrivate()));
    }

    private static String b64(String json) {
        return Jws.B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
