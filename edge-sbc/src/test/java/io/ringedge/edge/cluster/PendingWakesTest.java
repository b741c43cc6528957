package io.ringedge.edge.cluster;

import io.ringedge.events.Caller;
import io.ringedge.edge.call.InboundCalls;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.events.DevicesLocated.AsleepDevice;
import io.ringedge.events.PushHandle;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.locator.PendingCall;
import io.ringedge.locator.redis.RedisLocator;
import io.ringedge.runtime.redis.RedisLink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two edges' PendingWakes over one real Redis: hold on edge A, attach on edge B, claim once on A. */
class PendingWakesTest {

    private static final String CONTACT = "sip:phone@p.invalid;transport=ws";

    private static EmbeddedRedis redis;
    private static RedisLocator locator;

    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Calls callsA = new Calls();
    private final Calls callsB = new Calls();
    private PendingWakes edgeA;
    private PendingWakes edgeB;
    private AttachChannel channelA;
    private AttachChannel channelB;
    private final String callId = "call-" + UUID.randomUUID();

    /** What reached each edge's calls. */
    record Available(String callId, AttachedDevice device) {
    }

    static final class Calls implements InboundCalls {
        final BlockingQueue<Available> available = new LinkedBlockingQueue<>();

        @Override
        public void devicesLocated(DevicesLocated devices) {
        }

        @Override
        public void deviceAvailable(String callId, AttachedDevice device) {
            available.add(new Available(callId, device));
        }
    }

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
        locator = RedisLocator.connect(new LocatorConfig(URI.create(redis.uri()), false, Duration.ofSeconds(1),
                Duration.ofSeconds(5), "test", Duration.ofDays(1), Duration.ofMinutes(1)));
    }

    @AfterAll
    static void stopRedis() {
        locator.close();
        redis.close();
    }

    @BeforeEach
    void start() {
        edgeA = new PendingWakes("edge-a", locator.pendingCalls(), () -> callsA, workers::execute,
                Clock.systemUTC(), Duration.ofSeconds(45));
        edgeB = new PendingWakes("edge-b", locator.pendingCalls(), () -> callsB, workers::execute,
                Clock.systemUTC(), Duration.ofSeconds(45));
        channelA = edgeA.listen(RedisLink.Settings.standalone(URI.create(redis.uri()), Duration.ofSeconds(2)));
        channelB = edgeB.listen(RedisLink.Settings.standalone(URI.create(redis.uri()), Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        channelA.close();
        channelB.close();
        workers.shutdownNow();
    }

    private DevicesLocated located(List<String> asleep) {
        return new DevicesLocated(callId, "tenant-a", "alice", Caller.UNKNOWN, List.of(new AttachedDevice("laptop", "edge-a", "f-1", "")),
                asleep.stream().map(d -> new AsleepDevice(d, new PushHandle("fcm", "tok-" + d, ""))).toList());
    }

    @Test
    void aDeviceAttachingOnEdgeBReachesTheCallHeldOnEdgeAOnce() throws Exception {
        edgeA.located(located(List.of("phone")));
        PendingCall held = locator.pendingCalls().find(callId).orElseThrow();
        assertEquals("edge-a", held.holdingEdge());
        assertEquals(Set.of("laptop"), held.triedDevices(), "attached devices were rung directly, never claimed");

        long started = System.nanoTime();
        edgeB.attached(new DeviceAttached(callId, "phone", "edge-b"), "flow-9", CONTACT);
        Available got = callsA.available.poll(5, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals(new Available(callId, new AttachedDevice("phone", "edge-b", "flow-9", CONTACT)), got);
        assertTrue(tookMillis < 500, "pub/sub, not polling: took " + tookMillis + " ms");
        assertTrue(callsB.available.isEmpty(), "only the holding edge hears it");

        // the same attach announced again, from either edge, is claimed already
        edgeB.attached(new DeviceAttached(callId, "phone", "edge-b"), "flow-9", CONTACT);
        edgeA.attached(new DeviceAttached(callId, "phone", "edge-a"), "flow-3", CONTACT);
        assertNull(callsA.available.poll(300, TimeUnit.MILLISECONDS), "no second INVITE");
    }

    @Test
    void aDeviceAttachingOnTheHoldingEdgeReachesTheCallWithoutPubSub() throws Exception {
        Calls callsC = new Calls();
        // never listens: a message through the attach channel could not reach it
        PendingWakes edgeC = new PendingWakes("edge-c", locator.pendingCalls(), () -> callsC, workers::execute,
                Clock.systemUTC(), Duration.ofSeconds(45));
        edgeC.located(located(List.of("phone")));

        edgeC.attached(new DeviceAttached(callId, "phone", "edge-c"), "flow-5", CONTACT);

        assertEquals(new Available(callId, new AttachedDevice("phone", "edge-c", "flow-5", CONTACT)),
                callsC.available.poll(5, TimeUnit.SECONDS));
        edgeC.attached(new DeviceAttached(callId, "phone", "edge-c"), "flow-5", CONTACT);
        assertNull(callsC.available.poll(300, TimeUnit.MILLISECONDS), "claimed once, as over pub/sub");
    }

    @Test
    void racingAttachesOfOneDeviceAreClaimedExactlyOnce() throws Exception {
        edgeA.located(located(List.of("phone")));
        for (int i = 0; i < 10; i++) {
            PendingWakes edge = i % 2 == 0 ? edgeA : edgeB;
            workers.execute(() -> edge.attached(new DeviceAttached(callId, "phone", "edge-b"), "flow-9", CONTACT));
        }
        assertEquals("phone", callsA.available.poll(5, TimeUnit.SECONDS).device().deviceId());
        assertNull(callsA.available.poll(500, TimeUnit.MILLISECONDS));
    }

    @Test
    void twoWokenDevicesEachReachTheCall() throws Exception {
        edgeA.located(located(List.of("phone", "tablet")));
        edgeB.attached(new DeviceAttached(callId, "phone", "edge-b"), "flow-9", CONTACT);
        edgeA.attached(new DeviceAttached(callId, "tablet", "edge-a"), "flow-4", CONTACT);

        Set<String> reached = Set.of(callsA.available.poll(5, TimeUnit.SECONDS).device().deviceId(),
                callsA.available.poll(5, TimeUnit.SECONDS).device().deviceId());
        assertEquals(Set.of("phone", "tablet"), reached);
    }

    @Test
    void noAsleepDeviceHoldsNothingAndARedeliveryChangesNothing() throws Exception {
        edgeA.located(located(List.of()));
        assertTrue(locator.pendingCalls().find(callId).isEmpty(), "nothing to wait for");

        edgeA.located(located(List.of("phone")));
        PendingCall first = locator.pendingCalls().find(callId).orElseThrow();
        edgeB.located(located(List.of("phone")));
        assertEquals(first, locator.pendingCalls().find(callId).orElseThrow(), "Kafka redelivery: the first hold stands");
    }

    @Test
    void anAttachForACallNoLongerPendingReachesNoEdge() throws Exception {
        edgeB.attached(new DeviceAttached(callId, "phone", "edge-b"), "flow-9", CONTACT);
        assertNull(callsA.available.poll(300, TimeUnit.MILLISECONDS));
        assertNull(callsB.available.poll(10, TimeUnit.MILLISECONDS));
    }
}
