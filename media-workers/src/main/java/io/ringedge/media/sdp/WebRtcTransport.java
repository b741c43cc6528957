package io.ringedge.media.sdp;

import java.util.List;

/**
 * Our side of the device leg as the offer advertises it: one UDP port (rtcp-mux and BUNDLE put
 * RTP, RTCP, STUN and DTLS on it, RFC 7983), our ICE credentials and candidates (RFC 8839), and the
 * fingerprint of the certificate our DTLS stack presents (RFC 8122).
 */
public record WebRtcTransport(String address, int port, String iceUfrag, String icePwd,
                              List<Candidate> candidates, Fingerprint fingerprint) {

    public WebRtcTransport {
        candidates = List.copyOf(candidates);
    }
}
