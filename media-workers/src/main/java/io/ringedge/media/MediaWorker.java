package io.ringedge.media;

import io.ringedge.media.control.ControlPlane;
import io.ringedge.media.control.SessionFailureReporter;
import io.ringedge.media.registry.WorkerHeartbeat;
import io.ringedge.media.registry.WorkerRegistry;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.runtime.observe.MediaMeters;
import io.ringedge.runtime.redis.RedisLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * One media worker wired by hand: the control plane (ports, sessions, HTTP API) and its entry in
 * the registry. {@link MediaWorkerMain} runs one as a process; the standalone launcher and the tests
 * start it the same way.
 */
public final class MediaWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaWorker.class);
    /** Heartbeats are not on any call's path; a loaded host may take a while to answer. */
    private static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(2);
    /** Connecting at a cold start on a loaded host can take longer than one command may. */
    private static final Duration REGISTRY_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** How often session failures are looked for; small beside the timeouts that cause them. */
    private static final Duration FAILURE_SCAN = Duration.ofMillis(200);

    private final ControlPlane plane;
    private final WorkerRegistry registry;
    private final WorkerHeartbeat heartbeat;
    private final SessionFailureReporter failures;

    private MediaWorker(ControlPlane plane, WorkerRegistry registry, WorkerHeartbeat heartbeat,
                        SessionFailureReporter failures) {
        this.plane = plane;
        this.registry = registry;
        this.heartbeat = heartbeat;
        this.failures = failures;
    }

    /** Starts serving and registers; every session's DTLS presents {@code certificate}. */
    public static MediaWorker start(MediaConfig config, DtlsCertificate certificate) {
        ControlPlane plane = ControlPlane.start(config, certificate, Clock.systemUTC());
        WorkerRegistry registry = null;
        try {
            registry = WorkerRegistry.connect(new RedisLink.Settings(config.redisUri(), config.redisCluster(),
                    REGISTRY_CONNECT_TIMEOUT, REGISTRY_TIMEOUT), config.redisKeyPrefix());
            WorkerHeartbeat heartbeat = WorkerHeartbeat.start(registry, config.workerId(), plane.url(),
                    config.capacity(), plane.sessions()::count, config.registryTtl());
            LOG.info("media worker {} registered: control API {}, capacity {}", config.workerId(), plane.url(),
                    config.capacity());
            WorkerRegistry reports = registry;
            SessionFailureReporter failures = SessionFailureReporter.start(plane.sessions(), config.workerId(),
                    FAILURE_SCAN, reports::publishFailures);
            return new MediaWorker(plane, registry, heartbeat, failures);
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            plane.close();
            throw e;
        }
    }

    public URI controlUrl() {
        return plane.url();
    }

    public int sessions() {
        return plane.sessions().count();
    }

    /** Media totals over this worker's open and ended sessions, read by its meters at each scrape. */
    public MediaMeters.Totals totals() {
        return plane.sessions().totals();
    }

    /** Leaves the registry first, so edges stop choosing this worker, then ends every session. */
    @Override
    public void close() {
        heartbeat.close();
        failures.close();
        plane.close();
        registry.close();
    }
}
