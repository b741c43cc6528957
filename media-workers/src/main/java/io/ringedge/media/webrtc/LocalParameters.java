package io.ringedge.media.webrtc;

import io.ringedge.media.dtls.DtlsFingerprint;
import io.ringedge.media.ice.IceCandidate;
import io.ringedge.media.ice.IceCredentials;

/** What our SDP toward the device says about this transport: ice-ufrag/pwd, one candidate, the fingerprint. */
public record LocalParameters(IceCredentials ice, IceCandidate candidate, DtlsFingerprint fingerprint) {
}
