package io.ringedge.media.control;

import io.helidon.webserver.WebServer;
import io.ringedge.media.control.internal.ControlRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The control API's HTTP server (Helidon SE), started and stopped by the worker's main and by tests. */
public final class MediaControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaControlServer.class);

    /** Room for a 64 KiB SDP in JSON; larger bodies get 413 before they are read. */
    static final long MAX_BODY_BYTES = 256 * 1024;

    private final WebServer server;

    private MediaControlServer(WebServer server) {
        this.server = server;
    }

    /** Starts serving {@code sessions} on {@code host:port} (port 0: a free port). */
    public static MediaControlServer start(String host, int port, MediaSessions sessions, String workerId) {
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .maxPayloadSize(MAX_BODY_BYTES)
                .routing(routing -> ControlRoutes.register(routing, sessions, workerId))
                .build()
                .start();
        LOG.info("media control API of worker {} listening on {}:{}", workerId, host, server.port());
        return new MediaControlServer(server);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
