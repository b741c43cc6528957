package io.ringedge.media.webrtc;

import io.ringedge.media.dtls.DtlsOutcome;
import io.ringedge.media.srtp.SrtcpTransformer;
import io.ringedge.media.srtp.SrtpTransformer;

/**
 * The four SRTP contexts of a DTLS-SRTP association (RFC 5764 §4.2: one key per direction, shared
 * by SRTP and SRTCP). Installed on the transport's media loop when the handshake thread's outcome
 * arrives there, and used on that loop only.
 */
record SrtpContexts(SrtpTransformer rtpIn, SrtcpTransformer rtcpIn, SrtpTransformer rtpOut, SrtcpTransformer rtcpOut) {

    static SrtpContexts of(DtlsOutcome.Established established) {
        return new SrtpContexts(new SrtpTransformer(established.keys().remote()),
                new SrtcpTransformer(established.keys().remote()),
                new SrtpTransformer(established.keys().local()),
                new SrtcpTransformer(established.keys().local()));
    }
}
