package io.ringedge.edge.media;

import io.ringedge.media.registry.WorkerInfo;
import io.ringedge.media.registry.WorkerRegistryUnavailableException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentWorkersTest {

    private static final WorkerInfo A = new WorkerInfo("a", URI.create("http://127.0.0.1:1"), 10, 1);
    private static final WorkerInfo B = new WorkerInfo("b", URI.create("http://127.0.0.1:2"), 10, 2);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void readsTheRegistryAgainOnlyOnceTheListIsOlderThanTheMaxAge() {
        Deque<List<WorkerInfo>> answers = new ArrayDeque<>(List.of(List.of(A), List.of(A, B)));
        RecentWorkers workers = new RecentWorkers(counting(answers::removeFirst), Duration.ofMillis(250), now::get);

        assertEquals(List.of(A), workers.get());
        now.addAndGet(Duration.ofMillis(249).toNanos());
        assertEquals(List.of(A), workers.get());
        assertEquals(1, reads.get());

        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertEquals(List.of(A, B), workers.get());
        assertEquals(2, reads.get());
    }

    @Test
    void zeroMaxAgeReadsForEveryCallEvenWhileAnotherReads() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Deque<Supplier<List<WorkerInfo>>> answers = new ArrayDeque<>(List.of(
                () -> List.of(A),
                () -> {
                    reading.countDown();
                    await(release);
                    return List.of(A);
                },
                () -> List.of(B)));
        RecentWorkers workers = new RecentWorkers(counting(() -> answers.removeFirst().get()), Duration.ZERO,
                now::get);
        assertEquals(List.of(A), workers.get());
        CompletableFuture<List<WorkerInfo>> slow = CompletableFuture.supplyAsync(workers::get);
        assertTrue(reading.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(B), workers.get(), "read its own, borrowed nothing");
        release.countDown();
        slow.get(5, TimeUnit.SECONDS);
        assertEquals(3, reads.get());
    }

    @Test
    void aFailedReadIsNotRememberedAndTheNextCallAsksAgain() {
        Deque<Supplier<List<WorkerInfo>>> answers = new ArrayDeque<>(List.of(
                () -> {
                    throw new WorkerRegistryUnavailableException("list workers", new RuntimeException("down"));
                },
                () -> List.of(B)));
        RecentWorkers workers = new RecentWorkers(counting(() -> answers.removeFirst().get()), Duration.ofSeconds(1),
                now::get);

        assertThrows(WorkerRegistryUnavailableException.class, workers::get);
        assertEquals(List.of(B), workers.get());
        assertEquals(2, reads.get());
    }

    @Test
    void whileOneCallerReadsTheOthersTakeThePreviousListInsteadOfReadingToo() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Deque<Supplier<List<WorkerInfo>>> answers = new ArrayDeque<>(List.of(
                () -> List.of(A),
                () -> {
                    reading.countDown();
                    await(release);
                    return List.of(B);
                }));
        RecentWorkers workers = new RecentWorkers(counting(() -> answers.removeFirst().get()), Duration.ofMillis(250),
                now::get);
        assertEquals(List.of(A), workers.get());
        now.addAndGet(Duration.ofMillis(300).toNanos());

        CompletableFuture<List<WorkerInfo>> slow = CompletableFuture.supplyAsync(workers::get);
        assertTrue(reading.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(A), workers.get(), "lent the list being replaced");
        release.countDown();
        assertEquals(List.of(B), slow.get(5, TimeUnit.SECONDS));
        assertEquals(List.of(B), workers.get());
        assertEquals(2, reads.get());
    }

    @Test
    void aListOlderThanTwiceTheMaxAgeIsNotLentWhileAnotherCallerIsStuckReading() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Deque<Supplier<List<WorkerInfo>>> answers = new ArrayDeque<>(List.of(
                () -> List.of(A),
                () -> {
                    reading.countDown();
                    await(release);
                    throw new WorkerRegistryUnavailableException("list workers", new RuntimeException("down"));
                },
                () -> {
                    throw new WorkerRegistryUnavailableException("list workers", new RuntimeException("down"));
                }));
        RecentWorkers workers = new RecentWorkers(counting(() -> answers.removeFirst().get()), Duration.ofMillis(250),
                now::get);
        assertEquals(List.of(A), workers.get());
        now.addAndGet(Duration.ofMillis(500).toNanos());

        CompletableFuture<List<WorkerInfo>> stuck = CompletableFuture.supplyAsync(workers::get);
        assertTrue(reading.await(5, TimeUnit.SECONDS));
        // Redis is down: this call hears so, as it would have without the list, instead of an old list
        assertThrows(WorkerRegistryUnavailableException.class, workers::get);
        release.countDown();
        assertThrows(Exception.class, () -> stuck.get(5, TimeUnit.SECONDS));
        assertEquals(3, reads.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private Supplier<List<WorkerInfo>> counting(Supplier<List<WorkerInfo>> registry) {
        return () -> {
            reads.incrementAndGet();
            return registry.get();
        };
    }
}
