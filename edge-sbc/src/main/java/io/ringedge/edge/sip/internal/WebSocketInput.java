package io.ringedge.edge.sip.internal;

import java.util.Arrays;

/**
 * What a WS or WSS connection received, on its way to jain-sip: the opening handshake (an HTTP
 * request, RFC 6455 §4.2.1) as it arrives, then one whole frame at a time ({@link WebSocketFrames}
 * says why), and a Close frame answered here rather than by jain-sip.
 *
 * <p>jain-sip answers a Close by writing to the socket directly, which on WSS puts a plaintext frame
 * into the TLS stream. Here the answer goes through the channel's own send path (encrypted on WSS);
 * the device then closes TCP (RFC 6455 §7.1.1), which ends the flow and its binding. The edge does
 * not close first: messages the device sent just before its Close are still being processed.
 * Not thread-safe: one per connection, fed from its read path.
 */
final class WebSocketInput {

    /** RFC 6455 §5.5.1: a Close frame with no status code, as the answer to the device's Close. */
    private static final byte[] CLOSE = {(byte) 0x88, 0};
    private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};

    /** Where bytes go in jain-sip: its own WebSocket reader, or its send path that adds no framing. */
    interface Sink {
        void accept(byte[] bytes) throws Exception;
    }

    private final WebSocketFrames frames;
    private boolean handshakeDone;
    /** The last bytes of the handshake seen so far, to find its end when TCP splits it. */
    private byte[] handshakeTail = new byte[0];
    private boolean closeReceived;

    /** @param maxMessageSize the largest SIP message the stack takes, 0 for no limit */
    WebSocketInput(int maxMessageSize) {
        this.frames = new WebSocketFrames(maxMessageSize > 0 ? maxMessageSize : Integer.MAX_VALUE);
    }

    /**
     * @param jainSip  jain-sip's reader of WebSocket bytes
     * @param unframed jain-sip's send path for bytes that are already framed
     */
    void receive(byte[] bytes, Sink jainSip, Sink unframed) throws Exception {
        if (closeReceived) {
            // RFC 6455 §5.5.1: nothing follows a Close frame
            return;
        }
        byte[] rest = bytes;
        if (!handshakeDone) {
            int end = handshakeEnd(bytes);
            if (end < 0) {
                jainSip.accept(bytes);
                return;
            }
            handshakeDone = true;
            // jain-sip hands what follows the request to addBytes again: it comes round as frames
            jainSip.accept(Arrays.copyOf(bytes, end));
            rest = Arrays.copyOfRange(bytes, end, bytes.length);
        }
        for (WebSocketFrames.Frame frame : frames.feed(rest)) {
            if (frame.isClose()) {
                closeReceived = true;
                unframed.accept(CLOSE.clone());
                return;
            }
            jainSip.accept(frame.bytes());
        }
    }

    /** Index just past the handshake's blank line in {@code bytes}, or -1 when it has not ended yet. */
    private int handshakeEnd(byte[] bytes) {
        byte[] seen = new byte[handshakeTail.length + bytes.length];
        System.arraycopy(handshakeTail, 0, seen, 0, handshakeTail.length);
        System.arraycopy(bytes, 0, seen, handshakeTail.length, bytes.length);
        for (int i = 0; i + END_OF_HEADERS.length <= seen.length; i++) {
            if (Arrays.equals(seen, i, i + END_OF_HEADERS.length, END_OF_HEADERS, 0, END_OF_HEADERS.length)) {
                return i + END_OF_HEADERS.length - handshakeTail.length;
            }
        }
        handshakeTail = Arrays.copyOfRange(seen, Math.max(0, seen.length - (END_OF_HEADERS.length - 1)), seen.length);
        return -1;
    }
}
