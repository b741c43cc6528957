package io.ringedge.locator.redis;

import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.events.DevicesLocated.AsleepDevice;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.events.PushHandle;
import io.ringedge.locator.Binding;
import io.ringedge.locator.UserDevices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        directory = new RedisDeviceDirectory(redis.commands(), TestRedis.PREFIX, Clock.systemUTC(), Duration.ofDays(30));
        locations = new RedisDeviceLocations(directory, redis.commands(), TestRedis.PREFIX, Duration.ofMinutes(10));
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

    @Test
    void aUserWithoutDevicesHasNone() {
        assertEquals(UserDevices.none(), locations.locate("acme", "alice"));
    }

    @Test
    void boundDevicesAreAttachedWithTheirEdgeAndFlow() {
        bind("browser", "edge-1", "flow-1", Optional.empty(), Duration.ofMinutes(5));
        bind("phone", "edge-2", "flow-2", Optional.of(APNS), Duration.ofMinutes(5));
        UserDevices found = locations.locate("acme", "alice");
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
        UserDevices found = locations.locate("acme", "alice");
        assertEquals(List.of(new AttachedDevice("tablet", "edge-1", "flow-2", "sip:tablet@h.invalid;transport=ws")), found.attached());
        // the browser had no handle: gone, not asleep
        assertEquals(List.of(new AsleepDevice("phone", APNS)), found.asleep());
    }

    @Test
    void aDeviceWhoseBindingExpiredIsAsleep() {
        bind("phone", "edge-1", "flow-1", Optional.of(APNS), Duration.ofSeconds(1));
        Await.until("the phone falls asleep", Duration.ofSeconds(10),
                () -> locations.locate("acme", "alice").attached().isEmpty());
        assertEquals(List.of(new AsleepDevice("phone", APNS)), locations.locate("acme", "alice").asleep());
    }

    @Test
    void theFirstAnswerForACallIsRepeated() {
        bind("phone", "edge-1", "flow-1", Optional.of(APNS), Duration.ofMinutes(5));
        UserDevices first = locations.locateForCall("call-1", "acme", "alice");
        assertEquals(List.of(new AttachedDevice("phone", "edge-1", "flow-1", "sip:phone@h.invalid;transport=ws")), first.attached());

        directory.unbindFlow("edge-1", "flow-1");
        assertEquals(first, locations.locateForCall("call-1", "acme", "alice"));
        assertEquals(List.of(new AsleepDevice("phone", APNS)),
                locations.locateForCall("call-2", "acme", "alice").asleep());
    }

    @Test
    void aDeviceCannotBeBothAttachedAndAsleep() {
        assertThrows(IllegalArgumentException.class, () -> new UserDevices(
                List.of(new AttachedDevice("phone", "edge-1", "flow-1", "sip:phone@h.invalid;transport=ws")), List.of(new AsleepDevice("phone", APNS))));
    }
}
