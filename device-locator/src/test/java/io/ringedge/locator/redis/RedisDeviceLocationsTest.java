package io.ringedge.locator.redis;

import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.events.DevicesLocated.AsleepDevice;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.events.PushHandle;
import io.ringedge.locator.Binding;
import io.ringedge.locator.LocatorUnavailableException;
import io.ringedge.locator.UserDevices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RedisDeviceLocationsTest {

    private static final PushHandle APNS = new PushHandle("apns", "a1b2c3", "TEAMID.com.example.app.voip");
    private static final PushHandle FCM = new PushHandle("fcm", "fcm-token-1", "");

    private static EmbeddedRedis server;
    private static TestRedis redis;
    private static RedisDeviceDirectory directory;
    private static RedisDeviceLocations locations;

    @BeforeAll
    static void start() {
        server = EmbeddedRedis.start();
        redis = new TestRedis(server.uri());
        directory = new RedisDeviceDirectory(redis.commands(), redis.async(), TestRedis.PREFIX, Clock.systemUTC(),
                Duration.ofDays(30));
        locations = new RedisDeviceLocations(redis.async(), TestRedis.PREFIX, Clock.systemUTC(), Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        redis.close();
        server.close();
    }

    @BeforeEach
    void empty() {
        redis.commands().flushall();
    }

    private static void bind(String device, String edge, String flow, Optional<PushHandle> handle, Duration expires) {
        directory.bind(new Binding("acme", "alice", device, edge, flow, "sip:" + device + "@h.invalid;transport=ws",
                handle), expires);
    }

    private static UserDevices locate(String tenantId, String userId) {
        return locations.locate(tenantId, userId).toCompletableFuture().join();
    }

    private static UserDevices locateForCall(String callId, String tenantId, String userId) {
        return locations.locateForCall(callId, tenantId, userId).toCompletableFuture().join();
    }

    @Test
    void aUserWithoutDevicesHasNone() {
        assertEquals(UserDevices.none(), locate("acme", "alice"));
    }

    @Test
    void boundDevicesAreAttachedWithTheirEdgeAndFlow() {
        bind("browser", "edge-1", "flow-1", Optional.empty(), Duration.ofMinutes(5));
        bind("phone", "edge-2", "flow-2", Optional.of(APNS), Duration.ofMinutes(5));
        UserDevices found = locate("acme", "alice");
        // a bound device is attached even with a handle: never both
        assertEquals(List.of(new AttachedDevice("browser", "edge-1", "flow-1", "sip:browser@h.invalid;transport=ws"),
                new AttachedDevice("phone", "edge-2", "flow-2", "sip:phone@h.invalid;transport=ws")), found.attached());
        assertEquals(List.of(), found.asleep());
    }

    @Test
    void aDeviceWhoseConnectionClosedIsAsleepWithItsHandle() {
        bind("phone", "edge-1", "flow-1", Optional.of(APNS), Duration.ofMinutes(5));
        bind("tablet", "edge-1", "flow-2", Optional.of(FCM), Duration.ofMinutes(5));
        bind("browser", "edge-1", "flow-3", Optional.empty(), Duration.ofMinutes(5));
        directory.unbindFlow("edge-1", "flow-1");
        directory.unbindFlow("edge-1", "flow-3");
        UserDevices found = locate("acme", "alice");
        assertEquals(List.of(new AttachedDevice("tablet", "edge-1", "flow-2", "sip:tablet@h.invalid;transport=ws")), found.attached());
        // the browser had no handle: gone, not asleep
        assertEquals(List.of(new AsleepDevice("phone", APNS)), found.asleep());
    }

    @Test
    void aDeviceWhoseBindingExpiredIsAsleep() {
        bind("phone", "edge-1", "flow-1", Optional.of(APNS), Duration.ofSeconds(1));
        Await.until("the phone falls asleep", Duration.ofSeconds(10),
                () -> locate("acme", "alice").attached().isEmpty());
        assertEquals(List.of(new AsleepDevice("phone", APNS)), locate("acme", "alice").asleep());
    }

    @Test
    void theFirstAnswerForACallIsRepeated() {
        bind("phone", "edge-1", "flow-1", Optional.of(APNS), Duration.ofMinutes(5));
        UserDevices first = locateForCall("call-1", "acme", "alice");
        assertEquals(List.of(new AttachedDevice("phone", "edge-1", "flow-1", "sip:phone@h.invalid;transport=ws")), first.attached());

        directory.unbindFlow("edge-1", "flow-1");
        assertEquals(first, locateForCall("call-1", "acme", "alice"));
        assertEquals(List.of(new AsleepDevice("phone", APNS)),
                locateForCall("call-2", "acme", "alice").asleep());
    }

    @Test
    void aDeviceCannotBeBothAttachedAndAsleep() {
        assertThrows(IllegalArgumentException.class, () -> new UserDevices(
                List.of(new AttachedDevice("phone", "edge-1", "flow-1", "sip:phone@h.invalid;transport=ws")), List.of(new AsleepDevice("phone", APNS))));
    }

    @Test
    void aRedisThatForgotTheScriptsStillAnswers() {
        bind("phone", "edge-1", "flow-1", Optional.of(APNS), Duration.ofMinutes(5));
        locate("acme", "alice");
        redis.commands().scriptFlush();
        // EVALSHA answers NOSCRIPT; the script is sent again
        assertEquals(1, locateForCall("call-1", "acme", "alice").attached().size());
    }

    @Test
    void anUnreachableRedisFailsTheStageAsUnavailable() {
        try (TestRedis gone = new TestRedis(server.uri())) {
            RedisDeviceLocations cut = new RedisDeviceLocations(gone.async(), TestRedis.PREFIX, Clock.systemUTC(),
                    Duration.ofMinutes(10));
            gone.closeConnection();
            CompletionException failed = assertThrows(CompletionException.class,
                    () -> cut.locate("acme", "alice").toCompletableFuture().join());
            assertInstanceOf(LocatorUnavailableException.class, failed.getCause());
        }
    }

    @Test
    void blankIdsAreRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> locations.locateForCall("call-1", "acme", ""));
    }
}
