package io.ringedge.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * Everything both legs agreed, for the media pipeline: the mode, each leg's codec and
 * telephone-event payload type (RFC 4733 events are relayed with their payload type mapped), the
 * device's ICE credentials, candidates, fingerprint and DTLS role, and the PBX's SDES keys.
 */
public record AgreedMedia(MediaMode mode,
                          PayloadFormat pbxCodec, Optional<PayloadFormat> pbxTelephoneEvent,
                          PayloadFormat deviceCodec, Optional<PayloadFormat> deviceTelephoneEvent,
                          String deviceIceUfrag, String deviceIcePwd, List<Candidate> deviceCandidates,
                          Fingerprint deviceFingerprint, boolean weAreDtlsClient,
                          Optional<SdesKeys> pbxSrtp, String pbxAddress, int pbxRtpPort, int pbxRtcpPort) {

    public AgreedMedia {
        deviceCandidates = List.copyOf(deviceCandidates);
    }
}
