package io.ringedge.locator.redis;

import io.ringedge.embedded.EmbeddedRedisCluster;
import io.ringedge.events.DevicesLocated.AsleepDevice;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.events.PushHandle;
import io.ringedge.locator.Binding;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.locator.PendingCall;
import io.ringedge.locator.PendingCalls.Claim;
import io.ringedge.locator.UserDevices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every script on a real three-node Redis Cluster: proves the hash tags keep each script within
 * one slot (a cross-slot script fails there with CROSSSLOT) while users spread over the nodes.
 */
class RedisClusterTest {

    private static final int SLOTS = 16384;
    private static final PushHandle FCM = new PushHandle("fcm", "fcm-token-1", "");

    private static EmbeddedRedisCluster cluster;
    private static RedisLocator locator;

    @BeforeAll
    static void startCluster() {
        cluster = EmbeddedRedisCluster.start(3);
        locator = RedisLocator.connect(new LocatorConfig(URI.create(cluster.uri()), true, Duration.ofSeconds(2),
                Duration.ofSeconds(10), "test", Duration.ofDays(1), Duration.ofMinutes(1)));
    }

    @AfterAll
    static void stopCluster() {
        if (locator != null) {
            locator.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Binding binding(String user, String device, String flow, Optional<PushHandle> handle) {
        return new Binding("acme", user, device, "edge-1", flow, "sip:" + device + "@h.invalid", handle);
    }

    @Test
    void usersSpreadOverTheNodesAndEveryScriptStaysInOneSlot() {
        List<String> users = IntStream.range(0, 12).mapToObj(i -> "user-" + i).toList();
        for (String user : users) {
            locator.directory().bind(binding(user, "browser", "shared-flow", Optional.empty()), Duration.ofMinutes(5));
            locator.directory().bind(binding(user, "phone", "flow-" + user, Optional.of(FCM)), Duration.ofMinutes(5));
        }
        Set<Integer> nodesWithUsers = new java.util.HashSet<>();
        for (String user : users) {
            String key = new Keys("test").user("acme", user).get(0);
            nodesWithUsers.add(io.lettuce.core.cluster.SlotHash.getSlot(key) * cluster.nodes().size() / SLOTS);
        }
        assertTrue(nodesWithUsers.size() > 1, "all users hashed to one node: " + nodesWithUsers);

        // one flow carrying devices of users on every node
        assertEquals(users.size(), locator.directory().unbindFlow("edge-1", "shared-flow").size());
        locator.directory().unbindFlow("edge-1", "flow-user-0");
        assertEquals(new UserDevices(List.of(), List.of(new AsleepDevice("phone", FCM))),
                locator.locations().locateForCall("call-1", "acme", "user-0").toCompletableFuture().join());
        assertEquals(new UserDevices(List.of(new AttachedDevice("phone", "edge-1", "flow-user-1", "sip:phone@h.invalid")), List.of()),
                locator.locations().locate("acme", "user-1").toCompletableFuture().join());
        assertEquals(Optional.of(FCM), locator.directory().pushHandle("acme", "user-2", "phone"));
        assertTrue(locator.directory().removePushHandle("acme", "user-2", "phone", FCM));
        assertEquals(1, locator.directory().bindings("acme", "user-3").size());
        assertTrue(locator.directory().unbind("acme", "user-3", "phone").isPresent());
    }

    @Test
    void pendingCallsWorkOnTheCluster() {
        for (int i = 0; i < 6; i++) {
            String call = "call-" + i;
            assertTrue(locator.pendingCalls().hold(new PendingCall(call, "acme", "alice", "edge-1", Set.of("browser"),
                    Instant.now().plusSeconds(45))).toCompletableFuture().join());
            assertEquals(Claim.CLAIMED, locator.pendingCalls().claim(call, "phone"));
            assertEquals(Claim.ALREADY_CLAIMED, locator.pendingCalls().claim(call, "browser"));
            assertEquals(Set.of("browser", "phone"), locator.pendingCalls().find(call).orElseThrow().triedDevices());
            locator.pendingCalls().release(call);
            assertEquals(Claim.NO_SUCH_CALL, locator.pendingCalls().claim(call, "tablet"));
        }
    }
}
