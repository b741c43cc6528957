package io.ringedge.media.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /v1/sessions/{id}}: the session as it is now. Codec and mode fields are null until the
 * device answered; {@code createdAt} is ISO-8601 UTC. {@code state} is {@code offered},
 * {@code answered} (ICE and DTLS under way), {@code connected} (media can flow both ways) or
 * {@code failed}; a failed session carries {@code failure}, {@code <cause>: <detail>} with cause
 * one of {@code media-timeout}, {@code consent-lost}, {@code ice-failed}, {@code dtls-failed},
 * {@code dtls-closed}, {@code socket-error}, {@code internal-error}, {@code bad-answer}, and the edge
 * ends the call with it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionStats(String sessionId, String callId, String state, String failure, String createdAt,
                           String mode, PbxLeg pbxLeg, DeviceLeg deviceLeg) {

    /** The PBX-facing leg: our RTP/RTCP ports, where the PBX said it receives, the agreed codec. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PbxLeg(int rtpPort, int rtcpPort, String remoteAddress, Integer remoteRtpPort, String codec,
                         Integer telephoneEventPayloadType, String srtpProfile, String latchedAddress, Media media) {
    }

    /** The device-facing leg: our port and ICE username fragment, the agreed codec and DTLS role. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeviceLeg(int port, String iceUfrag, String codec, Integer telephoneEventPayloadType,
                            String dtlsRole, Media media) {
    }

    /**
     * One leg's live media counters: RTP received from the leg (packets, payload octets, lost and
     * interarrival jitter as RFC 3550 A.3/A.8 count them), RTP we sent on it, datagrams dropped
     * (garbage, failed SRTP authentication, replays, wrong source), RTCP received; the round-trip
     * time from the leg's RTCP reports (RFC 3550 §6.4.1 LSR/DLSR) and the E-model MOS estimate
     * (ITU-T G.107), both null until the leg has reported enough to compute them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Media(long packetsReceived, long octetsReceived, long packetsLost, double jitterMs,
                        long packetsSent, long octetsSent, long dropped, long rtcpReceived,
                        Double rttMs, Double mos) {
    }
}
