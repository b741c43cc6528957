package io.ringedge.edge.media;

import io.ringedge.media.registry.WorkerInfo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>One caller at a time reads the registry. While it does, the others take the list it is
 * replacing, as long as that is younger than twice {@code maxAge}, rather than each sending its own
 * read: under load a read can take tens of milliseconds, and every call arriving meanwhile would
 * otherwise read too. A failed read is never remembered: with Redis unreachable, every caller reads
 * (and fails, and its call is refused as before) once the last good list is older than that.
 */
public final class RecentWorkers implements Supplier<List<WorkerInfo>> {

    private record Read(List<WorkerInfo> workers, long atNanos) {
    }

    private final Supplier<List<WorkerInfo>> registry;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final ReentrantLock reading = new ReentrantLock();
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
        if (maxAgeNanos == 0) {
            return List.copyOf(registry.get()); // as documented: every call reads, none borrows
        }
        Read read = last;
        if (read != null && nanoClock.getAsLong() - read.atNanos() < maxAgeNanos) {
            return read.workers();
        }
        if (!reading.tryLock()) {
            // another caller is reading: lend the list it replaces; with none young enough, read alongside it
            return read != null && nanoClock.getAsLong() - read.atNanos() < 2 * maxAgeNanos ? read.workers()
                    : List.copyOf(registry.get());
        }
        try {
            read = last;
            long now = nanoClock.getAsLong();
            if (read != null && now - read.atNanos() < maxAgeNanos) {
                return read.workers(); // another caller just read it
            }
            List<WorkerInfo> workers = List.copyOf(registry.get());
            last = new Read(workers, now);
            return workers;
        } finally {
            reading.unlock();
        }
    }
}
