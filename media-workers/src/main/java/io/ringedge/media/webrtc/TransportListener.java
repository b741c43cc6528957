package io.ringedge.media.webrtc;

import io.ringedge.media.rtp.PacketKind;

/**
 * The session's side of a transport. Everything here runs on the transport's media loop, one call
 * at a time. {@code onMedia} gets a buffer the transport reuses for the next packet: copy what must
 * outlive the call, and do not block (the loop serves other sessions).
 */
public interface TransportListener {
    /** A decrypted RTP ({@link PacketKind#RTP}) or RTCP ({@link PacketKind#RTCP}) packet. */
    void onMedia(byte[] buf, int offset, int length, PacketKind kind);

    void onEvent(TransportEvent event);
}
