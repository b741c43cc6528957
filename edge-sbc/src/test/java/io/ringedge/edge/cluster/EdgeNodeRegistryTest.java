package io.ringedge.edge.cluster;

import io.lettuce.core.RedisClient;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.runtime.redis.RedisLink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real Redis (the one on PATH, else the shipped binary). */
class EdgeNodeRegistryTest {

    private static EmbeddedRedis redis;
    private static RedisLink.Settings settings;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
        settings = RedisLink.Settings.standalone(URI.create(redis.uri()), Duration.ofSeconds(1));
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void aNodeIsVisibleToOthersStaysWhileRefreshedAndLeavesOnClose() throws Exception {
        try (EdgeNodeRegistry b = EdgeNodeRegistry.start(settings, "edge-b", "sip:127.0.0.1:5070;transport=tcp",
                Duration.ofSeconds(2))) {
            try (EdgeNodeRegistry a = EdgeNodeRegistry.start(settings, "edge-a", "sip:127.0.0.1:6070;transport=tcp",
                    Duration.ofSeconds(2))) {
                assertEquals(Optional.of("sip:127.0.0.1:5070;transport=tcp"), a.lookup("edge-b"));
                Thread.sleep(3_000); // longer than the TTL: only the refresh keeps it
                assertEquals(Optional.of("sip:127.0.0.1:5070;transport=tcp"), a.lookup("edge-b"));
                assertEquals(Optional.of("sip:127.0.0.1:6070;transport=tcp"), b.lookup("edge-a"));
            }
            assertTrue(b.lookup("edge-a").isEmpty(), "a closed node leaves at once");
            assertTrue(b.lookup("edge-never").isEmpty());
        }
    }

    @Test
    void aNodeThatStopsRefreshingExpires() throws Exception {
        RedisClient raw = RedisClient.create(redis.uri());
        try (var c = raw.connect()) {
            c.sync().set(EdgeNodeRegistry.PREFIX + "edge-dead", "sip:127.0.0.1:1;transport=tcp",
                    io.lettuce.core.SetArgs.Builder.px(500));
            try (EdgeNodeRegistry a = EdgeNodeRegistry.start(settings, "edge-a2", "sip:127.0.0.1:2;transport=tcp",
                    Duration.ofSeconds(5))) {
                assertTrue(a.lookup("edge-dead").isPresent());
                Thread.sleep(800);
                assertTrue(a.lookup("edge-dead").isEmpty());
            }
        } finally {
            raw.shutdown();
        }
    }
}
