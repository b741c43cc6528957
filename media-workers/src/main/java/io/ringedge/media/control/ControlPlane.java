package io.ringedge.media.control;

import io.ringedge.media.MediaConfig;
import io.ringedge.media.UdpPortAllocator;
import io.ringedge.media.control.internal.SocketSessionFactory;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.media.loop.MediaLoops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A worker's control side wired by hand: the media loops, the two port pools, the session factory,
 * the session table with its once-a-second expiry of unanswered sessions, and the HTTP server.
 * The worker's main and the tests build it the same way.
 */
public final class ControlPlane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

    private final MediaConfig config;
    private final MediaLoops loops;
    private final MediaSessions sessions;
    private final MediaControlServer server;
    private final ScheduledExecutorService expiry;

    private ControlPlane(MediaConfig config, MediaLoops loops, MediaSessions sessions, MediaControlServer server,
                         ScheduledExecutorService expiry) {
        this.config = config;
        this.loops = loops;
        this.sessions = sessions;
        this.server = server;
        this.expiry = expiry;
    }

    /**
     * Starts serving. Every session's DTLS presents {@code certificate}, and the offers advertise its
     * fingerprint, exactly what the device will check (RFC 8122 §5).
     */
    public static ControlPlane start(MediaConfig config, DtlsCertificate certificate, Clock clock) {
        UdpPortAllocator pbxPorts = new UdpPortAllocator(config.bindAddress(), config.pbxPortRange(), 2);
        UdpPortAllocator devicePorts = new UdpPortAllocator(config.bindAddress(), config.devicePortRange(), 1);
        MediaLoops loops = new MediaLoops(config.ioThreads(), "media-io");
        SocketSessionFactory factory = new SocketSessionFactory(config, loops, pbxPorts, devicePorts, certificate);
        MediaSessions sessions = new MediaSessions(factory, config.capacity(), config.unansweredSessionTimeout(), clock);
        MediaControlServer server;
        try {
            server = MediaControlServer.start(config.controlBindAddress().getHostAddress(), config.controlPort(),
                    sessions, config.workerId());
        } catch (RuntimeException e) {
            loops.close(); // their threads must not outlive a failed start
            throw e;
        }
        ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("media-session-expiry-" + config.workerId()).daemon(true).factory());
        expiry.scheduleWithFixedDelay(() -> {
            try {
                sessions.expire();
            } catch (RuntimeException e) {
                LOG.error("expiring unanswered sessions failed; trying again in a second", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        return new ControlPlane(config, loops, sessions, server, expiry);
    }

    public MediaSessions sessions() {
        return sessions;
    }

    public int port() {
        return server.port();
    }

    /** Where edges reach this worker's control API. */
    public URI url() {
        return config.controlUrl(server.port());
    }

    /** Stops the server, then deletes every session and releases its ports, then stops the media loops. */
    @Override
    public void close() {
        server.close();
        expiry.shutdownNow();
        sessions.close();
        loops.close();
    }
}
