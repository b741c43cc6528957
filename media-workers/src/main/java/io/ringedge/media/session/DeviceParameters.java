package io.ringedge.media.session;

import io.ringedge.media.MediaConfig;
import io.ringedge.media.dtls.DtlsFingerprint;
import io.ringedge.media.dtls.DtlsSetup;
import io.ringedge.media.ice.IceCandidate;
import io.ringedge.media.ice.IceCandidateParser;
import io.ringedge.media.ice.IceCredentials;
import io.ringedge.media.sdp.AgreedMedia;
import io.ringedge.media.sdp.Candidate;
import io.ringedge.media.sdp.Fingerprint;
import io.ringedge.media.sdp.WebRtcTransport;
import io.ringedge.media.webrtc.LocalParameters;
import io.ringedge.media.webrtc.RemoteParameters;
import java.util.ArrayList;
import java.util.List;

/** Between the SDP model of the device leg and the WebRTC transport's own parameter types. */
final class DeviceParameters {
    private static final String PREFIX = "candidate:";

    private DeviceParameters() {
    }

    /** What our offer advertises for {@code local}: one host candidate on the advertised address. */
    static WebRtcTransport advertised(MediaConfig config, int port, LocalParameters local) {
        Candidate candidate = Candidate.parse(local.candidate().format().substring(PREFIX.length()));
        return new WebRtcTransport(config.advertisedAddress().getHostAddress(), port, local.ice().ufrag(),
                local.ice().pwd(), List.of(candidate), Fingerprint.sha256(local.fingerprint().sha256()));
    }

    /**
     * The device's side from its answer. We offered {@code a=setup:actpass}, so the answer's
     * {@code active}/{@code passive} decides (RFC 8842 §5.3): {@code weAreDtlsClient} means it said
     * passive. Candidates the transport cannot use (TCP, unparseable) are left out, as RFC 8445
     * §5.1.1 lets an agent ignore what it does not support.
     *
     * @throws IllegalArgumentException naming what in the answer is unusable
     */
    static RemoteParameters remote(AgreedMedia agreed) {
        Fingerprint fingerprint = agreed.deviceFingerprint();
        if (!"sha-256".equals(fingerprint.hashFunction())) {
            throw new IllegalArgumentException("the device's fingerprint uses " + fingerprint.hashFunction()
                    + "; only sha-256 is checked");
        }
        List<IceCandidate> candidates = new ArrayList<>();
        for (Candidate candidate : agreed.deviceCandidates()) {
            if (IceCandidateParser.parse(candidate.value()) instanceof IceCandidateParser.Parsed(IceCandidate parsed)
                    && parsed.isUdp()) {
                candidates.add(parsed);
            }
        }
        return new RemoteParameters(new IceCredentials(agreed.deviceIceUfrag(), agreed.deviceIcePwd()), candidates,
                new DtlsFingerprint(fingerprint.bytes()),
                agreed.weAreDtlsClient() ? DtlsSetup.PASSIVE : DtlsSetup.ACTIVE);
    }
}
