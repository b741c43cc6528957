package io.ringedge.media.webrtc;

import io.ringedge.media.rtp.PacketKind;

/**
 * The session's side of a transport. {@code onMedia} runs on the transport's thread with a buffer
 * the transport reuses for the next packet: copy what must outlive the call, and do not block.
 * Events arrive one at a time, on the transport thread or the DTLS handshake thread.
 */
public interface TransportListener {
    /** A decrypted RTP ({@link PacketKind#RTP}) or RTCP ({@link PacketKind#RTCP}) packet. */
    void onMedia(byte[] buf, int offset, int length, PacketKind kind);

    void onEvent(TransportEvent event);
}
