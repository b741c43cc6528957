package io.ringedge.media.session;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One thread per worker that looks at every live session's media now and then and reports dead
 * media ({@code media.media-timeout}). A timer thread rather than the media threads themselves,
 * because a leg with no packets and no media clock has nothing to wake its thread.
 */
public final class MediaWatchdog implements AutoCloseable {
    private final Set<AnchoredSession> sessions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    /** Checks every quarter of {@code mediaTimeout}, at most every second, so a timeout is late by at most that. */
    public MediaWatchdog(Duration mediaTimeout) {
        long period = Math.max(10, Math.min(mediaTimeout.toMillis() / 4, 1000));
        timer = Executors.newSingleThreadScheduledExecutor(
                task -> Thread.ofPlatform().name("media-watchdog").daemon().unstarted(task));
        timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    public void watch(AnchoredSession session) {
        sessions.add(session);
    }

    public void forget(AnchoredSession session) {
        sessions.remove(session);
    }

    private void check() {
        long now = System.nanoTime();
        for (AnchoredSession session : sessions) {
            session.checkMedia(now);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
