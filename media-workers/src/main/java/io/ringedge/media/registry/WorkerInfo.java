package io.ringedge.media.registry;

import java.net.URI;

/** One worker as the registry shows it: where its control API is, how many sessions it takes and has. */
public record WorkerInfo(String id, URI controlUrl, int capacity, int load) {

    public WorkerInfo {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("worker id required");
        }
        if (capacity < 1 || load < 0) {
            throw new IllegalArgumentException("capacity must be >= 1 and load >= 0, were " + capacity + ", " + load);
        }
    }

    public boolean full() {
        return load >= capacity;
    }

    /** Load relative to capacity, so a big worker at 100 of 1000 counts as less loaded than a small one at 50 of 100. */
    public double utilization() {
        return (double) load / capacity;
    }
}
