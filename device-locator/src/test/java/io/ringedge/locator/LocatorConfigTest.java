package io.ringedge.locator;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocatorConfigTest {

    private static LocatorConfig read(Map<String, String> values) {
        return LocatorConfig.from(Config.just(ConfigSources.create(values)));
    }

    private static String error(Map<String, String> values) {
        return assertThrows(ConfigException.class, () -> read(values)).getMessage();
    }

    @Test
    void defaults() {
        assertEquals(new LocatorConfig(URI.create("redis://127.0.0.1:6379"), false, Duration.ofMillis(500),
                Duration.ofSeconds(10), "ringedge",
                Duration.ofDays(30), Duration.ofMinutes(10)), read(Map.of()));
    }

    @Test
    void everyKeyIsRead() {
        assertEquals(new LocatorConfig(URI.create("rediss://redis.example.internal:6380/2"), true, Duration.ofMillis(250),
                        Duration.ofSeconds(3),
                        "staging", Duration.ofDays(7), Duration.ofMinutes(2)),
                read(Map.of("redis.uri", "rediss://redis.example.internal:6380/2",
                        "redis.cluster", "true",
                        "redis.timeout", "PT0.25S",
                        "redis.connect-timeout", "PT3S",
                        "redis.key-prefix", "staging",
                        "locator.push-handle-ttl", "P7D",
                        "locator.located-ttl", "PT2M")));
    }

    @Test
    void errorsNameTheKey() {
        assertEquals("redis.uri: must be redis://host:port or rediss://host:port, was http://127.0.0.1:6379",
                error(Map.of("redis.uri", "http://127.0.0.1:6379")));
        assertEquals("redis.uri: not a valid URI", error(Map.of("redis.uri", "redis://a b")));
        assertEquals("redis.cluster: must be true or false, was yes", error(Map.of("redis.cluster", "yes")));
        assertEquals("redis.timeout: must be an ISO-8601 duration such as PT0.5S or P30D, was 500ms",
                error(Map.of("redis.timeout", "500ms")));
        assertEquals("redis.timeout: must be between PT0.001S and PT1M, was PT5M",
                error(Map.of("redis.timeout", "PT5M")));
        assertEquals("redis.key-prefix: must be 1..64 of [A-Za-z0-9._-], was ring{edge}",
                error(Map.of("redis.key-prefix", "ring{edge}")));
        assertEquals("locator.push-handle-ttl: must be between PT1S and PT87600H, was PT0S",
                error(Map.of("locator.push-handle-ttl", "PT0S")));
        assertEquals("locator.located-ttl: must be an ISO-8601 duration such as PT0.5S or P30D, was ten minutes",
                error(Map.of("locator.located-ttl", "ten minutes")));
    }

    @Test
    void aMistypedLocatorKeyIsRefused() {
        assertEquals("locator.push-handle-tll: unknown key (known: locator.located-ttl, locator.push-handle-ttl)",
                error(Map.of("locator.push-handle-tll", "P7D")));
    }

    @Test
    void aPasswordNeverReachesAnErrorOrTheLog() {
        String message = error(Map.of("redis.uri", "http://user:s3cret@127.0.0.1:6379"));
        assertFalse(message.contains("s3cret"), message);
        LocatorConfig config = read(Map.of("redis.uri", "redis://user:s3cret@10.0.0.5:6379/1"));
        assertFalse(config.toString().contains("s3cret"), config.toString());
        assertTrue(config.toString().contains("redis://***@10.0.0.5:6379/1"), config.toString());
    }
}
