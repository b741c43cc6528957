package io.ringedge.locator.redis;

import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.locator.Binding;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.locator.LocatorUnavailableException;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisLocatorTest {

    private static LocatorConfig config(String uri) {
        return config(uri, Duration.ofSeconds(1));
    }

    private static LocatorConfig config(String uri, Duration commandTimeout) {
        return new LocatorConfig(URI.create(uri), false, commandTimeout, Duration.ofSeconds(10), "test",
                Duration.ofDays(1), Duration.ofMinutes(1));
    }

    private static Binding binding(String device) {
        return new Binding("acme", "alice", device, "edge-1", "flow-1", "sip:" + device + "@h.invalid", Optional.empty());
    }

    private static boolean lettuceThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("lettuce-"));
    }

    @Test
    void noRedisIsAStartUpErrorNamingTheKey() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        LocatorUnavailableException e = assertThrows(LocatorUnavailableException.class,
                () -> RedisLocator.connect(config("redis://127.0.0.1:" + closedPort)));
        assertTrue(e.getMessage().startsWith("redis.uri: cannot connect to Redis at 127.0.0.1:" + closedPort),
                e.getMessage());
    }

    @Test
    void aRedisRestartFailsCallsFastThenHeals() {
        EmbeddedRedis first = EmbeddedRedis.start();
        int port = first.port();
        try (RedisLocator locator = RedisLocator.connect(config(first.uri()))) {
            locator.directory().bind(binding("phone"), Duration.ofMinutes(5));
            first.close();

            long started = System.nanoTime();
            assertThrows(LocatorUnavailableException.class,
                    () -> locator.directory().bindings("acme", "alice"));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) < 0);

            // a fresh server on the same port: empty, and without our scripts (EVALSHA → EVAL fallback)
            try (EmbeddedRedis second = EmbeddedRedis.start(port)) {
                assertEquals(port, second.port());
                Await.until("the client reconnects", Duration.ofSeconds(20), () -> {
                    try {
                        locator.directory().bind(binding("browser"), Duration.ofMinutes(5));
                        return true;
                    } catch (LocatorUnavailableException stillDown) {
                        return false;
                    }
                });
                assertEquals(List.of(binding("browser")), locator.directory().bindings("acme", "alice"));
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aBusyRedisFailsACommandAfterTheCommandTimeoutNotTheConnectTimeout() throws Exception {
        try (EmbeddedRedis server = EmbeddedRedis.start();
             RedisLocator locator = RedisLocator.connect(config(server.uri(), Duration.ofMillis(200)));
             TestRedis other = new TestRedis(server.uri())) {
            locator.directory().bindings("acme", "alice"); // scripts loaded, connection warm
            // a script that keeps the single-threaded server busy for 2 s
            Thread busy = Thread.ofPlatform().start(() -> other.commands().eval(
                    "local s = redis.call('TIME') local t0 = s[1] * 1000000 + s[2] "
                            + "while true do local t = redis.call('TIME') "
                            + "if t[1] * 1000000 + t[2] - t0 > 2000000 then break end end return 1",
                    io.lettuce.core.ScriptOutputType.INTEGER));
            Thread.sleep(300);
            long started = System.nanoTime();
            assertThrows(LocatorUnavailableException.class, () -> locator.directory().bindings("acme", "alice"));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(waited.compareTo(Duration.ofMillis(1500)) < 0, "waited " + waited);
            busy.join();
        }
    }

    @Test
    void closeReleasesLettucesThreads() {
        try (EmbeddedRedis server = EmbeddedRedis.start()) {
            RedisLocator locator = RedisLocator.connect(config(server.uri()));
            locator.directory().bindings("acme", "alice");
            assertTrue(lettuceThreadsAlive());
            locator.close();
            Await.until("Lettuce's threads end", Duration.ofSeconds(10), () -> !lettuceThreadsAlive());
        }
    }
}
