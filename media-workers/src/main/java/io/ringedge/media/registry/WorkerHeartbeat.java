package io.ringedge.media.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Keeps one worker's registry entry alive: publishes at once, then every third of the TTL with the
 * current load, so two beats may be lost before the entry lapses. A beat that fails (Redis away)
 * is logged and the next one retries; the worker keeps serving its calls meanwhile.
 */
public final class WorkerHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHeartbeat.class);

    private final WorkerRegistry registry;
    private final String workerId;
    private final URI controlUrl;
    private final int capacity;
    private final IntSupplier load;
    private final Duration ttl;
    private final ScheduledExecutorService scheduler;
    private volatile boolean failing;

    private WorkerHeartbeat(WorkerRegistry registry, String workerId, URI controlUrl, int capacity, IntSupplier load,
                            Duration ttl) {
        this.registry = registry;
        this.workerId = workerId;
        this.controlUrl = controlUrl;
        this.capacity = capacity;
        this.load = load;
        this.ttl = ttl;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "media-registry-heartbeat-" + workerId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers the worker now (failing if Redis cannot be reached) and keeps it registered. */
    public static WorkerHeartbeat start(WorkerRegistry registry, String workerId, URI controlUrl, int capacity,
                                        IntSupplier load, Duration ttl) {
        WorkerHeartbeat heartbeat = new WorkerHeartbeat(registry, workerId, controlUrl, capacity, load, ttl);
        registry.publish(heartbeat.current(), ttl);
        long period = Math.max(1, ttl.toMillis() / 3);
        heartbeat.scheduler.scheduleAtFixedRate(heartbeat::beat, period, period, TimeUnit.MILLISECONDS);
        return heartbeat;
    }

    /** Publishes the current load now, e.g. right after a burst of new sessions. */
    public void beat() {
        try {
            registry.publish(current(), ttl);
            if (failing) {
                LOG.info("registry heartbeat of worker {} works again", workerId);
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("registry heartbeat of worker {} failed; retrying every {} ms: {}", workerId,
                        ttl.toMillis() / 3, e.getMessage());
                failing = true;
            }
        }
    }

    /** Stops beating and removes the entry, so edges stop picking this worker at once. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            registry.remove(workerId);
        } catch (WorkerRegistryUnavailableException e) {
            LOG.warn("could not remove worker {} from the registry; it lapses within {}", workerId, ttl);
        }
    }

    private WorkerInfo current() {
        return new WorkerInfo(workerId, controlUrl, capacity, load.getAsInt());
    }
}
