package io.ringedge.locator.redis;

import io.lettuce.core.cluster.SlotHash;
import io.ringedge.events.PushHandle;
import io.ringedge.locator.Binding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link RedisDeviceDirectory} behaviour, run against whatever real Redis a subclass provides
 * (the embedded server here, a container where Docker runs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeviceDirectoryContract {

    static final PushHandle APNS = new PushHandle("apns", "a1b2c3", "TEAMID.com.example.app.voip");
    static final PushHandle FCM = new PushHandle("fcm", "fcm-token-1", "");
    static final Duration LONG = Duration.ofMinutes(10);
    static final Duration SHORT = Duration.ofSeconds(1);
    static final Duration PATIENCE = Duration.ofSeconds(10);

    TestRedis redis;
    RedisDeviceDirectory directory;

    abstract String redisUri();

    @BeforeAll
    void connect() {
        redis = new TestRedis(redisUri());
        directory = directoryWithHandleTtl(Duration.ofDays(30));
    }

    @AfterAll
    void disconnect() {
        redis.close();
    }

    @BeforeEach
    void empty() {
        redis.commands().flushall();
    }

    RedisDeviceDirectory directoryWithHandleTtl(Duration ttl) {
        return new RedisDeviceDirectory(redis.commands(), redis.async(), TestRedis.PREFIX, Clock.systemUTC(), ttl);
    }

    static Binding binding(String user, String device, String edge, String flow, Optional<PushHandle> handle) {
        return new Binding("acme", user, device, edge, flow, "sip:" + device + "@df7jal23ls0d.invalid;transport=ws",
                handle);
    }

    @Test
    void aBindingIsFoundWithItsPushHandle() {
        Binding b = binding("alice", "phone", "edge-1", "flow-1", Optional.of(APNS));
        directory.bind(b, LONG);
        assertEquals(List.of(b), directory.bindings("acme", "alice"));
        assertEquals(List.of(), directory.bindings("acme", "bob"));
        assertEquals(List.of(), directory.bindings("other", "alice"));
    }

    @Test
    void bindingAnswersTheUsersLiveBindingsAsBindingsDoes() {
        Binding phone = binding("alice", "phone", "edge-1", "flow-1", Optional.of(APNS));
        assertEquals(List.of(phone), directory.bind(phone, LONG));
        Binding browser = binding("alice", "browser", "edge-2", "flow-2", Optional.empty());
        List<Binding> after = directory.bind(browser, LONG);
        assertEquals(directory.bindings("acme", "alice"), after);
        assertEquals(java.util.Set.of(phone, browser), java.util.Set.copyOf(after));
    }

    @Test
    void refreshMovesTheBindingAndExtendsItsLife() {
        directory.bind(binding("alice", "phone", "edge-1", "flow-1", Optional.empty()), SHORT);
        Binding moved = binding("alice", "phone", "edge-2", "flow-9", Optional.empty());
        directory.bind(moved, LONG);
        long past = System.currentTimeMillis() + SHORT.toMillis() + 200;
        Await.until("the first expiry has passed", PATIENCE, () -> System.currentTimeMillis() > past);
        assertEquals(List.of(moved), directory.bindings("acme", "alice"));
    }

    @Test
    void unbindRemovesTheBindingAndTheHandleAndReturnsThem() {
        Binding b = binding("alice", "phone", "edge-1", "flow-1", Optional.of(APNS));
        directory.bind(b, LONG);
        assertEquals(Optional.of(b), directory.unbind("acme", "alice", "phone"));
        assertEquals(List.of(), directory.bindings("acme", "alice"));
        assertEquals(Optional.empty(), directory.pushHandle("acme", "alice", "phone"));
        assertEquals(Optional.empty(), directory.unbind("acme", "alice", "phone"));
    }

    @Test
    void twoDevicesOfOneUserLiveAndDieApart() {
        Binding phone = binding("alice", "phone", "edge-1", "flow-1", Optional.empty());
        Binding browser = binding("alice", "browser", "edge-2", "flow-2", Optional.empty());
        directory.bind(phone, SHORT);
        directory.bind(browser, LONG);
        assertEquals(Set.of(phone, browser), Set.copyOf(directory.bindings("acme", "alice")));
        Await.until("the phone's binding expires", PATIENCE,
                () -> directory.bindings("acme", "alice").size() == 1);
        assertEquals(List.of(browser), directory.bindings("acme", "alice"));
        assertEquals(Optional.of(browser), directory.unbind("acme", "alice", "browser"));
        assertEquals(List.of(), directory.bindings("acme", "alice"));
    }

    @Test
    void aClosedFlowTakesItsBindingsButLeavesTheirHandles() {
        Binding a = binding("alice", "phone", "edge-1", "flow-1", Optional.of(APNS));
        Binding b = binding("bob", "tablet", "edge-1", "flow-1", Optional.of(FCM));
        Binding c = binding("alice", "browser", "edge-1", "flow-2", Optional.empty());
        directory.bind(a, LONG);
        directory.bind(b, LONG);
        directory.bind(c, LONG);

        assertEquals(Set.of(a, b), Set.copyOf(directory.unbindFlow("edge-1", "flow-1")));
        assertEquals(List.of(c), directory.bindings("acme", "alice"));
        assertEquals(List.of(), directory.bindings("acme", "bob"));
        assertEquals(Optional.of(APNS), directory.pushHandle("acme", "alice", "phone"));
        assertEquals(Optional.of(FCM), directory.pushHandle("acme", "bob", "tablet"));
        assertEquals(List.of(), directory.unbindFlow("edge-1", "flow-1"));
    }

    @Test
    void aClosedFlowLeavesADeviceThatReRegisteredElsewhere() {
        directory.bind(binding("alice", "phone", "edge-1", "flow-1", Optional.empty()), LONG);
        Binding now = binding("alice", "phone", "edge-2", "flow-7", Optional.empty());
        directory.bind(now, LONG);
        assertEquals(List.of(), directory.unbindFlow("edge-1", "flow-1"));
        assertEquals(List.of(now), directory.bindings("acme", "alice"));
    }

    @Test
    void aPushHandleOutlivesItsBinding() {
        directory.bind(binding("alice", "phone", "edge-1", "flow-1", Optional.of(APNS)), SHORT);
        Await.until("the binding expires", PATIENCE, () -> directory.bindings("acme", "alice").isEmpty());
        assertEquals(Optional.of(APNS), directory.pushHandle("acme", "alice", "phone"));
    }

    @Test
    void aPushHandleExpiresAfterItsOwnLifetime() {
        RedisDeviceDirectory shortHandles = directoryWithHandleTtl(Duration.ofMillis(1500));
        shortHandles.bind(binding("alice", "phone", "edge-1", "flow-1", Optional.of(APNS)), SHORT);
        Await.until("the binding expires", PATIENCE, () -> shortHandles.bindings("acme", "alice").isEmpty());
        Await.until("the handle expires", PATIENCE,
                () -> shortHandles.pushHandle("acme", "alice", "phone").isEmpty());
    }

    @Test
    void registeringWithoutPushParametersDropsTheHandle() {
        directory.bind(binding("alice", "phone", "edge-1", "flow-1", Optional.of(APNS)), LONG);
        directory.bind(binding("alice", "phone", "edge-1", "flow-1", Optional.empty()), LONG);
        assertEquals(Optional.empty(), directory.pushHandle("acme", "alice", "phone"));
    }

    @Test
    void aRejectedHandleIsRemovedOnlyIfTheDeviceHasNotReplacedIt() {
        directory.bind(binding("alice", "phone", "edge-1", "flow-1", Optional.of(APNS)), LONG);
        PushHandle renewed = new PushHandle("apns", "d4e5f6", APNS.param());
        directory.bind(binding("alice", "phone", "edge-1", "flow-1", Optional.of(renewed)), LONG);
        assertFalse(directory.removePushHandle("acme", "alice", "phone", APNS));
        assertEquals(Optional.of(renewed), directory.pushHandle("acme", "alice", "phone"));
        assertTrue(directory.removePushHandle("acme", "alice", "phone", renewed));
        assertEquals(Optional.empty(), directory.pushHandle("acme", "alice", "phone"));
    }

    @Test
    void idsWithColonsAndBracesNeitherCollideNorBreakTheSlot() {
        Binding ab = new Binding("a:b", "c", "d{1}", "edge:1", "fl{ow}", "sip:x@y", Optional.empty());
        Binding a = new Binding("a", "b:c", "d{1}", "edge:1", "fl{ow}", "sip:x@y", Optional.empty());
        directory.bind(ab, LONG);
        directory.bind(a, LONG);
        assertEquals(List.of(ab), directory.bindings("a:b", "c"));
        assertEquals(List.of(a), directory.bindings("a", "b:c"));
        assertEquals(Set.of(ab, a), Set.copyOf(directory.unbindFlow("edge:1", "fl{ow}")));
    }

    @Test
    void aUsersKeysShareOneClusterSlotAndAllKeysExpire() {
        directory.bind(binding("alice", "phone", "edge-1", "flow-1", Optional.of(APNS)), LONG);
        directory.bind(binding("alice", "browser", "edge-2", "flow-2", Optional.empty()), LONG);
        List<String> keys = redis.commands().keys("*");
        List<String> userKeys = keys.stream().filter(k -> k.contains("{u:")).toList();
        assertEquals(4, userKeys.size(), keys.toString());
        Set<Integer> slots = userKeys.stream().map(SlotHash::getSlot).collect(Collectors.toSet());
        assertEquals(1, slots.size(), userKeys.toString());
        for (String key : keys) {
            long ttl = redis.commands().pttl(key);
            assertTrue(ttl > 0, key + " has no expiry: " + ttl);
        }
    }

    @Test
    void badArgumentsAreRefusedWithAReason() {
        Binding b = binding("alice", "phone", "edge-1", "flow-1", Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> directory.bind(b, Duration.ZERO));
        assertEquals("tenantId must not be blank",
                assertThrows(IllegalArgumentException.class, () -> directory.bindings(" ", "alice")).getMessage());
        assertEquals("deviceId must not be blank", assertThrows(IllegalArgumentException.class,
                () -> directory.bind(binding("alice", "", "edge-1", "flow-1", Optional.empty()), LONG)).getMessage());
        assertEquals("flowId must not be blank", assertThrows(IllegalArgumentException.class,
                () -> directory.bind(binding("alice", "phone", "edge-1", null, Optional.empty()), LONG)).getMessage());
        assertEquals("deviceId must not be blank", assertThrows(IllegalArgumentException.class,
                () -> directory.unbind("acme", "alice", "")).getMessage());
        // nothing half-written
        assertEquals(List.of(), redis.commands().keys("*"));
    }
}
