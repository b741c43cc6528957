package io.ringedge.locator.redis;

import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.locator.PendingCall;
import io.ringedge.locator.PendingCalls;
import io.ringedge.locator.PendingCalls.Claim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisPendingCallsTest {

    private static EmbeddedRedis server;
    private static TestRedis redis;
    private static RedisPendingCalls pending;

    @BeforeAll
    static void start() {
        server = EmbeddedRedis.start();
        redis = new TestRedis(server.uri());
        pending = new RedisPendingCalls(redis.commands(), redis.async(), TestRedis.PREFIX, Clock.systemUTC());
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

    private static PendingCall call(String callId, Set<String> tried, Duration ringing) {
        // Redis keeps milliseconds
        return new PendingCall(callId, "acme", "alice", "edge-1", tried,
                Instant.now().plus(ringing).truncatedTo(ChronoUnit.MILLIS));
    }

    private static boolean hold(PendingCall call) {
        return pending.hold(call).toCompletableFuture().join();
    }

    @Test
    void aHeldCallIsVisibleWithItsTriedDevices() {
        PendingCall call = call("call-1", Set.of("browser", "tablet"), Duration.ofSeconds(45));
        assertTrue(hold(call));
        assertEquals(Optional.of(call), pending.find("call-1"));
        assertEquals(Optional.empty(), pending.find("call-2"));
    }

    @Test
    void holdingTheSameCallAgainChangesNothing() {
        PendingCall call = call("call-1", Set.of("browser"), Duration.ofSeconds(45));
        hold(call);
        assertEquals(Claim.CLAIMED, pending.claim("call-1", "phone"));
        assertFalse(hold(call("call-1", Set.of(), Duration.ofSeconds(90))));
        assertEquals(Set.of("browser", "phone"), pending.find("call-1").orElseThrow().triedDevices());
        assertEquals(call.deadline(), pending.find("call-1").orElseThrow().deadline());
    }

    @Test
    void aDeviceIsClaimedOnceAndTriedDevicesNotAtAll() {
        hold(call("call-1", Set.of("browser"), Duration.ofSeconds(45)));
        assertEquals(Claim.ALREADY_CLAIMED, pending.claim("call-1", "browser"));
        assertEquals(Claim.CLAIMED, pending.claim("call-1", "phone"));
        assertEquals(Claim.ALREADY_CLAIMED, pending.claim("call-1", "phone"));
        assertEquals(Claim.NO_SUCH_CALL, pending.claim("call-2", "phone"));
    }

    @Test
    void racingClaimsHaveExactlyOneWinnerPerDevice() throws Exception {
        hold(call("call-1", Set.of(), Duration.ofSeconds(45)));
        List<String> devices = List.of("phone", "tablet", "watch");
        int claimersPerDevice = 8;
        ExecutorService pool = Executors.newFixedThreadPool(devices.size() * claimersPerDevice);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Map.Entry<String, Claim>>> results = new ArrayList<>();
            for (String device : devices) {
                for (int i = 0; i < claimersPerDevice; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return Map.entry(device, pending.claim("call-1", device));
                    }));
                }
            }
            go.countDown();
            List<Map.Entry<String, Claim>> claims = new ArrayList<>();
            for (Future<Map.Entry<String, Claim>> f : results) {
                claims.add(f.get());
            }
            Map<String, Long> winners = claims.stream().filter(e -> e.getValue() == Claim.CLAIMED)
                    .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting()));
            assertEquals(devices.stream().collect(Collectors.toMap(Function.identity(), d -> 1L)), winners);
            assertEquals(devices.size() * (claimersPerDevice - 1),
                    claims.stream().filter(e -> e.getValue() == Claim.ALREADY_CLAIMED).count());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReleasedCallIsGone() {
        hold(call("call-1", Set.of("browser"), Duration.ofSeconds(45)));
        pending.release("call-1");
        assertEquals(Optional.empty(), pending.find("call-1"));
        assertEquals(Claim.NO_SUCH_CALL, pending.claim("call-1", "phone"));
        assertEquals(List.of(), redis.commands().keys("*"));
    }

    @Test
    void aCallDisappearsAtItsDeadlineWithItsClaims() {
        hold(call("call-1", Set.of("browser"), Duration.ofSeconds(1)));
        assertEquals(Claim.CLAIMED, pending.claim("call-1", "phone"));
        Await.until("the call passes its deadline", Duration.ofSeconds(10), () -> pending.find("call-1").isEmpty());
        assertEquals(Claim.NO_SUCH_CALL, pending.claim("call-1", "tablet"));
        Await.until("every key of the call expires", Duration.ofSeconds(10),
                () -> redis.commands().keys("*").isEmpty());
    }

    @Test
    void aDeadlineInThePastIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> pending.hold(call("call-1", Set.of(), Duration.ofSeconds(-1))));
    }

    @Test
    void anAttachOnTheHoldingEdgeClaimsInTheSameStepAndOneElsewhereClaimsNothing() {
        hold(call("call-1", Set.of("browser"), Duration.ofSeconds(45)));
        // held by edge-1 (see call()): an attach on edge-2 learns where, and claims nothing
        assertEquals(new PendingCalls.Attach.HeldElsewhere("edge-1"), pending.attach("call-1", "phone", "edge-2"));
        assertEquals(Set.of("browser"), pending.find("call-1").orElseThrow().triedDevices());

        assertEquals(new PendingCalls.Attach.HeldHere(Claim.CLAIMED), pending.attach("call-1", "phone", "edge-1"));
        assertEquals(new PendingCalls.Attach.HeldHere(Claim.ALREADY_CLAIMED), pending.attach("call-1", "phone", "edge-1"));
        assertEquals(Claim.ALREADY_CLAIMED, pending.claim("call-1", "phone"));
        assertEquals(new PendingCalls.Attach.HeldHere(Claim.NO_SUCH_CALL), pending.attach("call-2", "phone", "edge-1"));
    }
}
