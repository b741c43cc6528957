package io.ringedge.media.webrtc;

import io.ringedge.media.srtp.SrtpProfile;
import java.net.InetSocketAddress;
import java.time.Duration;

/** State changes of a WebRTC transport, for the session layer. */
public sealed interface TransportEvent {

    /** ICE selected a pair and DTLS gave SRTP keys: media flows both ways. */
    record Connected(InetSocketAddress remote, SrtpProfile profile) implements TransportEvent {
    }

    record Failed(TransportFailure cause, String detail) implements TransportEvent {
    }

    /** RFC 7675: the peer stopped answering consent checks; media has stopped and the call must end. */
    record ConsentLost(Duration silence) implements TransportEvent {
    }
}
