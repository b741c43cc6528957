package io.ringedge.media.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * The worker's fixed set of media I/O threads ({@code media.io-threads}, default one per core).
 * Each new session is pinned to the loop with the fewest sessions, and stays there.
 */
public final class MediaLoops implements AutoCloseable {
    private final List<MediaLoop> loops;

    public MediaLoops(int threads, String namePrefix) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one media I/O thread, was " + threads);
        }
        List<MediaLoop> started = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            started.add(new MediaLoop(namePrefix + "-" + i));
        }
        this.loops = List.copyOf(started);
    }

    /** The least loaded loop, counted as serving one more session until it is {@link MediaLoop#unpin}ned. */
    public synchronized MediaLoop pin() {
        MediaLoop least = loops.get(0);
        for (MediaLoop loop : loops) {
            if (loop.pinned() < least.pinned()) {
                least = loop;
            }
        }
        least.pin();
        return least;
    }

    public int size() {
        return loops.size();
    }

    @Override
    public void close() {
        loops.forEach(MediaLoop::close);
    }
}
