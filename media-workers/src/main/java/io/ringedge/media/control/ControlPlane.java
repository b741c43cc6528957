package io.ringedge.media.control;

import io.ringedge.media.MediaConfig;
import io.ringedge.media.UdpPortAllocator;
import io.ringedge.media.control.internal.SocketSessionFactory;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.media.loop.MediaLoops;

import java.net.URI;
import java.time.Clock;

/**
 * A worker's control side wired by hand: the media loops, the two port pools, the session factory,
 * the session table and the HTTP server. The worker's main and the tests build it the same way.
 */
public final class ControlPlane implements AutoCloseable {

    private final MediaConfig config;
    private final MediaLoops loops;
    private final MediaSessions sessions;
    private final MediaControlServer server;

    private ControlPlane(MediaConfig config, MediaLoops loops, MediaSessions sessions, MediaControlServer server) {
        this.config = config;
        this.loops = loops;
        this.sessions = sessions;
        this.server = server;
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
        MediaSessions sessions = new MediaSessions(factory, config.capacity(), clock);
        MediaControlServer server;
        try {
            server = MediaControlServer.start(config.controlBindAddress().getHostAddress(), config.controlPort(),
                    sessions, config.workerId());
        } catch (RuntimeException e) {
            loops.close(); // their threads must not outlive a failed start
            throw e;
        }
        return new ControlPlane(config, loops, sessions, server);
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
        sessions.close();
        loops.close();
    }
}
