package io.ringedge.media.control;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells edges when a session of theirs fails on its own (media timeout, consent lost, ICE or DTLS
 * failure): looks at the sessions every {@code interval} and hands each new failure, once, to
 * {@code sink} by edge node. Polling keeps the media threads free of any Redis call; a failure
 * waits at most one interval, small beside the timeouts that cause it.
 */
public final class SessionFailureReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionFailureReporter.class);

    /** Where failures go: e.g. the edge's Redis channel. May throw when that is unavailable. */
    @FunctionalInterface
    public interface Sink {
        void report(String edgeNode, List<SessionFailure> failures);
    }

    private final ScheduledExecutorService scheduler;

    private SessionFailureReporter(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    public static SessionFailureReporter start(MediaSessions sessions, String workerId, Duration interval, Sink sink) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("media-failure-reporter-" + workerId).daemon(true).factory());
        scheduler.scheduleWithFixedDelay(() -> {
            for (Map.Entry<String, List<SessionFailure>> edge : sessions.takeFailures(workerId).entrySet()) {
                try {
                    sink.report(edge.getKey(), edge.getValue());
                } catch (RuntimeException e) {
                    // Redis away: this report is lost, and the call ends by a BYE or by the edge's worker check
                    LOG.warn("could not report {} failed session(s) to edge {}: {}", edge.getValue().size(),
                            edge.getKey(), e.getMessage());
                }
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new SessionFailureReporter(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
