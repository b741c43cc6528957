package io.ringedge.push;

import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.push.AttachTokens.Check;
import io.ringedge.push.AttachTokens.Refusal;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AttachTokensTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

    private final AttachTokens tokens = new AttachTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Set<String> used = new HashSet<>();
    private final AttachTokens.UsedTokens inMemory = (nonce, expires) -> used.add(nonce);

    private String mint() {
        return tokens.mint("phone-1", "call-1", NOW.plusSeconds(30));
    }

    @Test
    void aFreshTokenIsValidForItsDeviceOnce() {
        String token = mint();

        assertEquals(new Check.Valid("phone-1", "call-1", NOW.plusSeconds(30)), tokens.verify(token, "phone-1", inMemory));
        assertEquals(new Check.Refused(Refusal.REUSED), tokens.verify(token, "phone-1", inMemory));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = mint();
        AttachTokens later = new AttachTokens(KEY, Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC));

        assertEquals(new Check.Refused(Refusal.EXPIRED), later.verify(token, "phone-1", inMemory));
    }

    @Test
    void anotherDeviceCannotUseItAndDoesNotBurnIt() {
        String token = mint();

        assertEquals(new Check.Refused(Refusal.OTHER_DEVICE), tokens.verify(token, "phone-2", inMemory));
        assertEquals(Check.Valid.class, tokens.verify(token, "phone-1", inMemory).getClass());
    }

    @Test
    void aForgedOrMangledTokenIsRefused() {
        String token = mint();
        String body = token.substring(0, token.indexOf('.'));
        String forgedBody = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8)
                        .replace("phone-1", "phone-9").getBytes(StandardCharsets.UTF_8));
        AttachTokens otherKey = new AttachTokens("another key, another deployment.".getBytes(StandardCharsets.US_ASCII),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertEquals(new Check.Refused(Refusal.BAD_SIGNATURE),
                tokens.verify(forgedBody + token.substring(token.indexOf('.')), "phone-9", inMemory));
        assertEquals(new Check.Refused(Refusal.BAD_SIGNATURE), otherKey.verify(token, "phone-1", inMemory));
        assertEquals(new Check.Refused(Refusal.MALFORMED), tokens.verify("no-dot", "phone-1", inMemory));
        assertEquals(new Check.Refused(Refusal.MALFORMED), tokens.verify("a.b.c", "phone-1", inMemory));
        assertEquals(new Check.Refused(Refusal.MALFORMED), tokens.verify("!!!.???", "phone-1", inMemory));
        assertEquals(new Check.Refused(Refusal.MALFORMED), tokens.verify(null, "phone-1", inMemory));
        assertEquals(Set.of(), used, "refused tokens are never marked used");
    }

    @Test
    void aShortKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AttachTokens(new byte[16], Clock.systemUTC()));
    }

    @Test
    void redisMarksATokenUsedOnceAcrossEdges() {
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> edgeA = client.connect();
                 StatefulRedisConnection<String, String> edgeB = client.connect()) {
                AttachTokens live = new AttachTokens(KEY, Clock.systemUTC());
                String token = live.mint("phone-1", "call-1", Instant.now().plusSeconds(30));
                RedisUsedTokens onA = new RedisUsedTokens(edgeA.sync(), "test", Clock.systemUTC());
                RedisUsedTokens onB = new RedisUsedTokens(edgeB.sync(), "test", Clock.systemUTC());

                assertEquals(Check.Valid.class, live.verify(token, "phone-1", onA).getClass());
                assertEquals(new Check.Refused(Refusal.REUSED), live.verify(token, "phone-1", onB));
                long ttl = edgeA.sync().pttl(edgeA.sync().keys("test:attach-nonce:*").getFirst());
                assertEquals(true, ttl > 0 && ttl <= Duration.ofSeconds(30).toMillis(), "kept until expiry: " + ttl);
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }
}
