package io.ringedge.edge.call.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerialExecutorTest {

    private final ExecutorService shared = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() throws InterruptedException {
        shared.shutdownNow();
        assertTrue(shared.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void oneCallsTasksNeverOverlapAndKeepTheirOrder() throws InterruptedException {
        SerialExecutor call = new SerialExecutor(shared);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Integer> order = new ArrayList<>(); // unsynchronised on purpose: serial execution must suffice
        int producers = 4;
        int perProducer = 500;
        CountDownLatch done = new CountDownLatch(producers * perProducer);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perProducer; i++) {
                    int value = producer * perProducer + i;
                    call.execute(() -> {
                        if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        order.add(value);
                        inside.decrementAndGet();
                        done.countDown();
                    });
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(0, overlaps.get());
        assertEquals(producers * perProducer, order.size());
        for (int p = 0; p < producers; p++) {
            int producer = p;
            List<Integer> mine = order.stream().filter(v -> v / perProducer == producer).toList();
            for (int i = 1; i < mine.size(); i++) {
                assertTrue(mine.get(i - 1) < mine.get(i), "per-producer order kept");
            }
        }
    }

    @Test
    void twoCallsRunInParallel() throws InterruptedException {
        SerialExecutor first = new SerialExecutor(shared);
        SerialExecutor second = new SerialExecutor(shared);
        CountDownLatch bothInside = new CountDownLatch(2);
        CountDownLatch finished = new CountDownLatch(2);
        Runnable meet = () -> {
            bothInside.countDown();
            try {
                if (bothInside.await(5, TimeUnit.SECONDS)) {
                    finished.countDown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        first.execute(meet);
        second.execute(meet);
        assertTrue(finished.await(10, TimeUnit.SECONDS), "one call does not wait for another");
    }

    @Test
    void aFailingTaskDoesNotStopTheNextOnes() throws InterruptedException {
        SerialExecutor call = new SerialExecutor(shared);
        CountDownLatch after = new CountDownLatch(1);
        call.execute(() -> {
            throw new IllegalStateException("broken step");
        });
        call.execute(after::countDown);
        assertTrue(after.await(5, TimeUnit.SECONDS));
    }
}
