package io.ringedge.media.registry;

import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.runtime.redis.RedisLink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry against a real Redis server. */
class WorkerRegistryTest {

    static EmbeddedRedis redis;
    WorkerRegistry registry;
    WorkerDirectory directory;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void connect(TestInfo test) {
        // one key prefix per test: tests never see each other's workers
        registry = WorkerRegistry.connect(RedisLink.Settings.standalone(URI.create(redis.uri()), Duration.ofSeconds(2)),
                "t-" + test.getTestMethod().orElseThrow().getName());
        directory = new WorkerDirectory(registry);
    }

    @AfterEach
    void disconnect() {
        registry.close();
    }

    static URI url(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Test
    @SuppressWarnings("try") // heartbeat a only has to run
    void picksTheLeastLoadedLiveWorker() {
        AtomicInteger loadA = new AtomicInteger(40);
        AtomicInteger loadB = new AtomicInteger(10);
        try (WorkerHeartbeat a = WorkerHeartbeat.start(registry, "a", url(8091), 100, loadA::get, Duration.ofSeconds(30));
             WorkerHeartbeat b = WorkerHeartbeat.start(registry, "b", url(8092), 100, loadB::get, Duration.ofSeconds(30))) {
            assertEquals(Optional.of(new WorkerInfo("b", url(8092), 100, 10)), directory.pickLeastLoaded());

            loadB.set(90);
            b.beat();
            assertEquals("a", directory.pickLeastLoaded().orElseThrow().id());
            assertEquals(List.of("a", "b"), directory.liveWorkers().stream().map(WorkerInfo::id).toList());
        }
        assertEquals(Optional.empty(), directory.pickLeastLoaded(), "closing removes the entries at once");
    }

    @Test
    void utilizationNotRawLoadDecides() {
        registry.publish(new WorkerInfo("small", url(1), 100, 50), Duration.ofSeconds(30));
        registry.publish(new WorkerInfo("big", url(2), 1000, 100), Duration.ofSeconds(30));
        assertEquals("big", directory.pickLeastLoaded().orElseThrow().id());
    }

    @Test
    void fullWorkersAreNotPicked() {
        registry.publish(new WorkerInfo("full", url(1), 10, 10), Duration.ofSeconds(30));
        assertEquals(Optional.empty(), directory.pickLeastLoaded());
        registry.publish(new WorkerInfo("busy", url(2), 10, 9), Duration.ofSeconds(30));
        assertEquals("busy", directory.pickLeastLoaded().orElseThrow().id());
    }

    @Test
    @SuppressWarnings("try") // the live worker's heartbeat only has to run
    void aDeadWorkerDisappearsWhenItsTtlLapses() throws InterruptedException {
        try (WorkerHeartbeat alive = WorkerHeartbeat.start(registry, "alive", url(1), 10, () -> 5,
                Duration.ofMillis(600))) {
            // "dead" registered once and then stopped beating (a crashed process)
            registry.publish(new WorkerInfo("dead", url(2), 10, 0), Duration.ofMillis(600));
            assertEquals("dead", directory.pickLeastLoaded().orElseThrow().id());

            awaitTrue(() -> directory.liveWorkers().stream().noneMatch(w -> w.id().equals("dead")));
            // the heartbeat kept the other alive through several TTLs
            Thread.sleep(1300);
            assertEquals(List.of("alive"), directory.liveWorkers().stream().map(WorkerInfo::id).toList());
            try (TestRedis raw = new TestRedis(redis.uri())) {
                assertEquals(java.util.Set.of("alive"), raw.commands().smembers(registry.idsKey()),
                        "the expired id left the index");
            }
        }
    }

    @Test
    void unreadableEntriesAreSkipped() {
        registry.publish(new WorkerInfo("good", url(1), 10, 1), Duration.ofSeconds(30));
        try (TestRedis raw = new TestRedis(redis.uri())) {
            raw.commands().sadd(registry.idsKey(), "bad");
            raw.commands().set(registry.workerKey("bad"), "{not json");
        }
        assertEquals(List.of("good"), directory.liveWorkers().stream().map(WorkerInfo::id).toList());
    }

    @Test
    void unreachableRedisIsAnInfrastructureError() {
        EmbeddedRedis doomed = EmbeddedRedis.start();
        WorkerRegistry lost = WorkerRegistry.connect(RedisLink.Settings.standalone(URI.create(doomed.uri()), Duration.ofSeconds(2)), "lost");
        try {
            WorkerHeartbeat heartbeat = WorkerHeartbeat.start(lost, "w", url(1), 10, () -> 0, Duration.ofSeconds(3));
            doomed.close();
            heartbeat.beat(); // logged, not thrown: the worker keeps serving
            assertThrows(WorkerRegistryUnavailableException.class, () -> new WorkerDirectory(lost).pickLeastLoaded());
            heartbeat.close();
        } finally {
            lost.close();
            doomed.close();
        }
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 5 s");
            Thread.sleep(50);
        }
    }
}
