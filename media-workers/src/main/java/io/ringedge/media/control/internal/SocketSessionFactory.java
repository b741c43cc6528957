package io.ringedge.media.control.internal;

import io.ringedge.media.BoundPorts;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.UdpPortAllocator;
import io.ringedge.media.control.SessionFactory;
import io.ringedge.media.control.SessionOpening;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.media.loop.MediaLoops;
import io.ringedge.media.session.AnchoredSession;
import io.ringedge.media.transcode.MediaPipelines;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Opens each session's media on real sockets: an RTP/RTCP pair from the PBX range, one port from
 * the device range with a WebRTC transport on it (its ICE credentials, host candidate on the
 * advertised address and the worker certificate's fingerprint go in the offer), the whole session
 * pinned to the least loaded of the worker's media loops.
 */
public final class SocketSessionFactory implements SessionFactory {

    private final MediaConfig config;
    private final MediaLoops loops;
    private final UdpPortAllocator pbxPorts;
    private final UdpPortAllocator devicePorts;
    private final DtlsCertificate certificate;
    private final SecureRandom random = new SecureRandom();
    private final MediaPipelines pipelines;

    public SocketSessionFactory(MediaConfig config, MediaLoops loops, UdpPortAllocator pbxPorts,
                                UdpPortAllocator devicePorts, DtlsCertificate certificate) {
        this.config = config;
        this.loops = loops;
        this.pbxPorts = pbxPorts;
        this.devicePorts = devicePorts;
        this.certificate = certificate;
        this.pipelines = new MediaPipelines(config.media(), random);
    }

    @Override
    public SessionOpening open(String sessionId) {
        Optional<BoundPorts> pbx = pbxPorts.allocate();
        if (pbx.isEmpty()) {
            return new SessionOpening.Exhausted("no free RTP/RTCP port pair in the PBX port range "
                    + pbxPorts.range());
        }
        Optional<BoundPorts> device = devicePorts.allocate();
        if (device.isEmpty()) {
            pbx.get().close();
            return new SessionOpening.Exhausted("no free port in the device port range " + devicePorts.range());
        }
        return new SessionOpening.Opened(AnchoredSession.open(config, loops.pin(), pipelines, random, pbx.get(),
                device.get(), certificate));
    }
}
