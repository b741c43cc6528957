package io.ringedge.bench.control;

import io.ringedge.bench.Percentiles;
import io.ringedge.bench.media.BenchSdp;
import io.ringedge.media.control.ControlResult;
import io.ringedge.media.control.MediaControlClient;
import io.ringedge.media.control.SessionCreated;
import io.ringedge.media.control.SessionIds;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives control cycles at a fixed rate against one worker, as an edge does for each call: create
 * the session from the PBX's offer, apply the device's answer, delete it. Every cycle runs on its
 * own virtual thread and waits for each answer before the next request, as a call does. The rate is
 * kept whatever the worker does: a cycle due while {@code concurrency} are in flight is dropped
 * and counted, never queued, so a slow worker shows as latency and drops, not as a lower rate.
 */
final class ControlCycles {

    /** What one step measured; latencies in milliseconds. */
    record Window(int offered, int completed, int failed, int dropped, Percentiles create, Percentiles answer,
                  Percentiles delete, Percentiles all, int overOneSecond, String lastFailure) {
    }

    private static final double SLOW_MS = 1_000;

    private final MediaControlClient client;
    private final URI worker;
    private final String pbxOffer = BenchSdp.pbxOffer(40_000, 40_001);
    private final String deviceAnswer;
    private final boolean health;
    private final int concurrency;

    ControlCycles(MediaControlClient client, URI worker, int sinkPort, boolean health, int concurrency) {
        this.client = client;
        this.worker = worker;
        // The answer's one candidate is the benchmark's own sink socket, so the worker's connectivity
        // checks stay on this machine and reach a socket that ignores them. No media flows: sessions
        // are deleted within milliseconds, and the benchmark measures the control API only.
        this.deviceAnswer = BenchSdp.browserAnswer(false,
                "candidate:1467250027 1 udp 2122260223 127.0.0.1 " + sinkPort + " typ host generation 0",
                "Bq7m", "0nY3rPq8sKx2Lw5vTz9aFh1c", "sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:"
                        + "7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF");
        this.health = health;
        this.concurrency = concurrency;
    }

    /** Offers {@code rate} cycles/s for {@code length}; returns once the last cycle ended. */
    Window run(int rate, Duration length) throws InterruptedException {
        Samples create = new Samples();
        Samples answer = new Samples();
        Samples delete = new Samples();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> lastFailure = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(concurrency);
        int offered = (int) (rate * length.toMillis() / 1000);
        int dropped = 0;
        long start = System.nanoTime();
        try (ExecutorService cycles = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < offered; i++) {
                long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (!inFlight.tryAcquire()) {
                    dropped++;
                    continue;
                }
                int n = i;
                cycles.submit(() -> {
                    try {
                        String failure = health ? healthCycle(create) : sessionCycle(n, create, answer, delete);
                        if (failure == null) {
                            completed.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            lastFailure.set(failure);
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        List<Double> all = new ArrayList<>(create.values());
        all.addAll(answer.values());
        all.addAll(delete.values());
        return new Window(offered, completed.get(), failed.get(), dropped, Percentiles.of(create.values()),
                Percentiles.of(answer.values()), Percentiles.of(delete.values()), Percentiles.of(all),
                (int) all.stream().filter(ms -> ms > SLOW_MS).count(), lastFailure.get());
    }

    /** Null when every step was answered as expected, else what went wrong. */
    private String sessionCycle(int n, Samples create, Samples answer, Samples delete) {
        String id = SessionIds.newId();
        long t0 = System.nanoTime();
        ControlResult<SessionCreated> created = client.createSession(worker, id, "bench-call-" + n,
                pbxOffer, null).join();
        long t1 = System.nanoTime();
        create.add(t0, t1);
        String failure = null;
        if (created instanceof ControlResult.Ok<SessionCreated>) {
            ControlResult<?> answered = client.answer(worker, id, deviceAnswer).join();
            long t2 = System.nanoTime();
            answer.add(t1, t2);
            failure = answered instanceof ControlResult.Ok<?> ? null : "answer: " + answered;
        } else {
            failure = "create: " + created;
        }
        // deleted whatever happened, as the edge does: a creation that timed out may still exist
        long t3 = System.nanoTime();
        ControlResult<?> deleted = client.delete(worker, id).join();
        delete.add(t3, System.nanoTime());
        if (failure == null && !(deleted instanceof ControlResult.Ok<?>)) {
            failure = "delete: " + deleted;
        }
        return failure;
    }

    private String healthCycle(Samples samples) {
        long t0 = System.nanoTime();
        ControlResult<?> result = client.health(worker).join();
        samples.add(t0, System.nanoTime());
        return result instanceof ControlResult.Ok<?> ? null : "health: " + result;
    }

    /** Latency samples in milliseconds, added from many threads. */
    private static final class Samples {
        private final List<Double> values = new ArrayList<>();

        synchronized void add(long startNanos, long endNanos) {
            values.add((endNanos - startNanos) / 1e6);
        }

        synchronized List<Double> values() {
            return List.copyOf(values);
        }
    }
}
