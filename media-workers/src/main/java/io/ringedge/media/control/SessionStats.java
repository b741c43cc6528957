package io.ringedge.media.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /v1/sessions/{id}}: the session as it is now. Codec and mode fields are null until the
 * device answered; {@code createdAt} is ISO-8601 UTC.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionStats(String sessionId, String callId, String state, String createdAt, String mode,
                           PbxLeg pbxLeg, DeviceLeg deviceLeg) {

    /** The PBX-facing leg: our RTP/RTCP ports, where the PBX said it receives, the agreed codec. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PbxLeg(int rtpPort, int rtcpPort, String remoteAddress, Integer remoteRtpPort, String codec,
                         Integer telephoneEventPayloadType, String srtpProfile) {
    }

    /** The device-facing leg: our port and ICE username fragment, the agreed codec and DTLS role. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeviceLeg(int port, String iceUfrag, String codec, Integer telephoneEventPayloadType,
                            String dtlsRole) {
    }
}
