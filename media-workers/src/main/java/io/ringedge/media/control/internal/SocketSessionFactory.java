package io.ringedge.media.control.internal;

import io.ringedge.media.BoundPorts;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.UdpPortAllocator;
import io.ringedge.media.control.SessionFactory;
import io.ringedge.media.control.SessionMedia;
import io.ringedge.media.control.SessionOpening;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.media.sdp.AgreedMedia;
import io.ringedge.media.sdp.Candidate;
import io.ringedge.media.sdp.Fingerprint;
import io.ringedge.media.sdp.WebRtcTransport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * Opens a session's media as real bound sockets: an RTP/RTCP pair from the PBX pool, one port from
 * the device pool, fresh ICE credentials, a host candidate on the advertised address, and the
 * fingerprint of the worker's DTLS certificate. It binds and advertises; carrying packets is the
 * job of the ICE/DTLS transport and pipeline that will take these sockets over in {@link
 * SessionMedia#apply}, and until they are wired the sockets stay silent.
 */
public final class SocketSessionFactory implements SessionFactory {

    /**
     * RFC 8445 §5.1.2.1: (2^24)·126 (host type preference) + (2^8)·65535 (our only address) +
     * (256 − 1) for component 1, the only one with rtcp-mux.
     */
    static final long HOST_PRIORITY = (1L << 24) * 126 + (1L << 8) * 65535 + 255;

    private final UdpPortAllocator pbxPorts;
    private final UdpPortAllocator devicePorts;
    private final InetAddress advertisedAddress;
    private final Fingerprint fingerprint;
    private final SecureRandom random = new SecureRandom();

    public SocketSessionFactory(MediaConfig config, UdpPortAllocator pbxPorts, UdpPortAllocator devicePorts,
                                DtlsCertificate certificate) {
        this.pbxPorts = pbxPorts;
        this.devicePorts = devicePorts;
        this.advertisedAddress = config.advertisedAddress();
        this.fingerprint = Fingerprint.sha256(certificate.fingerprint().sha256());
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
        String address = advertisedAddress.getHostAddress();
        int devicePort = device.get().firstPort();
        IceCredentials ice = IceCredentials.random(random);
        WebRtcTransport transport = new WebRtcTransport(address, devicePort, ice.ufrag(), ice.pwd(),
                List.of(Candidate.host("1", address, devicePort, HOST_PRIORITY)), fingerprint);
        return new SessionOpening.Opened(new SocketSessionMedia(pbx.get(), device.get(), transport,
                new InetSocketAddress(advertisedAddress, pbx.get().firstPort())));
    }

    /** The sockets of one session and what was advertised for them. */
    private static final class SocketSessionMedia implements SessionMedia {
        private final BoundPorts pbx;
        private final BoundPorts device;
        private final WebRtcTransport transport;
        private final InetSocketAddress pbxRtpAddress;

        SocketSessionMedia(BoundPorts pbx, BoundPorts device, WebRtcTransport transport,
                           InetSocketAddress pbxRtpAddress) {
            this.pbx = pbx;
            this.device = device;
            this.transport = transport;
            this.pbxRtpAddress = pbxRtpAddress;
        }

        @Override
        public WebRtcTransport deviceTransport() {
            return transport;
        }

        @Override
        public InetSocketAddress pbxRtpAddress() {
            return pbxRtpAddress;
        }

        @Override
        public void apply(AgreedMedia agreed) {
            // the agreement is reported through MediaSessions' stats; no transport consumes it yet
        }

        @Override
        public void close() {
            pbx.close();
            device.close();
        }
    }
}
