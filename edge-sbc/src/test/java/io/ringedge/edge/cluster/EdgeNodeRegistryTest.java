package io.ringedge.edge.cluster;

import io.lettuce.core.RedisClient;
import io.ringedge.edge.sip.internal.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Against a real redis-server from PATH on a free port. Skipped, and says so, when there is none
 * (the testkit's embedded Redis is not on this branch yet).
 */
class EdgeNodeRegistryTest {

    private static Process redis;
    private static String uri;

    @BeforeAll
    static void startRedis() throws Exception {
        Optional<Path> binary = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(p -> java.util.Arrays.stream(p.split(":")))
                .map(d -> Path.of(d, "redis-server")).filter(Files::isExecutable).findFirst();
        assumeTrue(binary.isPresent(), "redis-server not on PATH: skipping the node registry test");
        int port = FreePort.pick(InetAddress.getLoopbackAddress(), false);
        redis = new ProcessBuilder(binary.get().toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        uri = "redis://127.0.0.1:" + port;
        RedisClient probe = RedisClient.create(uri);
        try {
            for (int i = 0; ; i++) {
                try (var c = probe.connect()) {
                    c.sync().ping();
                    break;
                } catch (RuntimeException e) {
                    if (i == 50) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        } finally {
            probe.shutdown();
        }
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.destroy();
            redis.waitFor();
        }
    }

    @Test
    void aNodeIsVisibleToOthersStaysWhileRefreshedAndLeavesOnClose() throws Exception {
        try (EdgeNodeRegistry b = EdgeNodeRegistry.start(uri, "edge-b", "sip:127.0.0.1:5070;transport=tcp",
                Duration.ofSeconds(2))) {
            try (EdgeNodeRegistry a = EdgeNodeRegistry.start(uri, "edge-a", "sip:127.0.0.1:6070;transport=tcp",
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
        RedisClient raw = RedisClient.create(uri);
        try (var c = raw.connect()) {
            c.sync().set(EdgeNodeRegistry.PREFIX + "edge-dead", "sip:127.0.0.1:1;transport=tcp",
                    io.lettuce.core.SetArgs.Builder.px(500));
            try (EdgeNodeRegistry a = EdgeNodeRegistry.start(uri, "edge-a2", "sip:127.0.0.1:2;transport=tcp",
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
