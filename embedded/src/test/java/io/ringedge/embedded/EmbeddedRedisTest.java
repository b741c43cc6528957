package io.ringedge.embedded;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedRedisTest {

    @Test
    void startsOnAFreePortAndServesCommands() throws IOException {
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            assertTrue(redis.port() > 0);
            assertEquals("redis://127.0.0.1:" + redis.port(), redis.uri());
            try (RespConnection c = new RespConnection(redis.port())) {
                assertEquals("PONG", c.call("PING"));
                assertEquals("OK", c.call("SET", "k", "v"));
                assertEquals("v", c.call("GET", "k"));
            }
        }
    }

    @Test
    void persistenceIsOff() throws IOException {
        try (EmbeddedRedis redis = EmbeddedRedis.start();
             RespConnection c = new RespConnection(redis.port())) {
            assertEquals(List.of("save", ""), c.call("CONFIG", "GET", "save"));
            assertEquals(List.of("appendonly", "no"), c.call("CONFIG", "GET", "appendonly"));
            assertEquals(List.of("bind", "127.0.0.1"), c.call("CONFIG", "GET", "bind"));
        }
    }

    @Test
    void closeStopsTheServer() throws IOException {
        EmbeddedRedis redis = EmbeddedRedis.start();
        int port = redis.port();
        redis.close();
        assertThrows(ConnectException.class, () -> new RespConnection(port).close());
        redis.close(); // idempotent
    }

    @Test
    void theServerStopsWhenTheJvmExitsWithoutClose() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedRedisExitProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jvm.waitFor(30, TimeUnit.SECONDS), output);
        Matcher port = Pattern.compile("port=(\\d+)").matcher(output);
        assertTrue(port.find(), output);
        assertThrows(ConnectException.class, () -> new RespConnection(Integer.parseInt(port.group(1))).close());
    }

    @Test
    void startsOnTheRequestedPort() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (EmbeddedRedis redis = EmbeddedRedis.start(port);
             RespConnection c = new RespConnection(port)) {
            assertEquals(port, redis.port());
            assertEquals("PONG", c.call("PING"));
        }
    }

    @Test
    void aTakenPortIsAClearError() {
        try (EmbeddedRedis first = EmbeddedRedis.start()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> EmbeddedRedis.start(first.port()).close());
            assertTrue(e.getMessage().contains("port " + first.port()), e.getMessage());
        }
    }

    @Test
    void twoServersAreIndependent() throws IOException {
        try (EmbeddedRedis a = EmbeddedRedis.start();
             EmbeddedRedis b = EmbeddedRedis.start();
             RespConnection ca = new RespConnection(a.port());
             RespConnection cb = new RespConnection(b.port())) {
            assertNotEquals(a.port(), b.port());
            ca.call("SET", "k", "a");
            assertEquals(null, cb.call("GET", "k"));
        }
    }

    @Test
    void shippedBinaryIsARealServer() throws IOException {
        try (EmbeddedRedis redis = EmbeddedRedis.start(0, EmbeddedRedis.Binary.SHIPPED);
             RespConnection c = new RespConnection(redis.port())) {
            assertFalse(redis.executable().startsWith("/usr"), redis.executable().toString());
            String info = (String) c.call("INFO", "server");
            // embedded-redis 1.4.3 ships Redis 6.2 for Linux
            assertTrue(info.contains("redis_version:6.2."), info);
            assertEquals("OK", c.call("SET", "k", "v"));
            assertEquals("v", c.call("GET", "k"));
        }
    }

    @Test
    void rejectsAnImpossiblePort() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddedRedis.start(70000));
    }
}
