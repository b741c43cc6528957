package io.ringedge.media.registry;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The edge's view of the workers: which are alive, and which should take the next call. */
public final class WorkerDirectory {

    /** Least utilized first; equal utilization: fewer sessions, then id, so the choice is stable. */
    private static final Comparator<WorkerInfo> LEAST_LOADED = Comparator.comparingDouble(WorkerInfo::utilization)
            .thenComparingInt(WorkerInfo::load)
            .thenComparing(WorkerInfo::id);

    private final WorkerRegistry registry;

    public WorkerDirectory(WorkerRegistry registry) {
        this.registry = registry;
    }

    /**
     * The live worker with the most room, or empty when none is alive or all are full. Loads are
     * as of each worker's last heartbeat (at most a third of its TTL old); a worker that turns out
     * full answers 503 and the edge tries the next one ({@link #liveWorkers}).
     */
    public Optional<WorkerInfo> pickLeastLoaded() {
        return liveWorkers().stream().filter(w -> !w.full()).min(LEAST_LOADED);
    }

    /** Live workers, least loaded first. */
    public List<WorkerInfo> liveWorkers() {
        return registry.liveWorkers().stream().sorted(LEAST_LOADED).toList();
    }
}
