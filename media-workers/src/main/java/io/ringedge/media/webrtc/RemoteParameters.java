package io.ringedge.media.webrtc;

import io.ringedge.media.dtls.DtlsFingerprint;
import io.ringedge.media.dtls.DtlsSetup;
import io.ringedge.media.ice.IceCandidate;
import io.ringedge.media.ice.IceCredentials;
import java.util.List;

/** What the device's SDP said: its ICE credentials and candidates, certificate fingerprint and a=setup. */
public record RemoteParameters(IceCredentials ice, List<IceCandidate> candidates, DtlsFingerprint fingerprint,
                               DtlsSetup setup) {
    public RemoteParameters {
        candidates = List.copyOf(candidates);
    }
}
