package io.ringedge.edge.media;

import io.ringedge.media.registry.WorkerInfo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The registry's live workers as read at most {@code maxAge} ago. Every call's setup asks which
 * workers are alive; asking Redis each time cost two round trips per call (SMEMBERS and MGET) for
 * an answer that only changes when a worker's heartbeat lands (every third of its TTL: seconds).
 * The loads in the answer are already that old, so a list a fraction of a second older changes
 * nothing: a worker that is full answers 503, one that is gone does not answer, and the anchor
 * tries the next either way.
 *
 * <p>A failed read is never remembered: with Redis unreachable, calls are refused as before once
 * the last good list is older than {@code maxAge}. Callers on many threads may each read when the
 * list expires at the same moment; that costs a few extra reads, never a wrong answer.
 */
public final class RecentWorkers implements Supplier<List<WorkerInfo>> {

    private record Read(List<WorkerInfo> workers, long atNanos) {
    }

    private final Supplier<List<WorkerInfo>> registry;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private volatile Read last;

    /** @param maxAge zero: every call reads the registry */
    public RecentWorkers(Supplier<List<WorkerInfo>> registry, Duration maxAge) {
        this(registry, maxAge, System::nanoTime);
    }

    RecentWorkers(Supplier<List<WorkerInfo>> registry, Duration maxAge, LongSupplier nanoClock) {
        this.registry = Objects.requireNonNull(registry);
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public List<WorkerInfo> get() {
        long now = nanoClock.getAsLong();
        Read read = last;
        if (read != null && now - read.atNanos() < maxAgeNanos) {
            return read.workers();
        }
        List<WorkerInfo> workers = List.copyOf(registry.get());
        last = new Read(workers, now);
        return workers;
    }
}
