package io.ringedge.edge.sip.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts the bytes of a WebSocket connection into whole frames (RFC 6455 §5.2), however TCP split
 * or joined them, so jain-sip's frame decoder is handed exactly one frame at a time.
 *
 * <p>Why: jain-sip's {@code WebSocketCodec} keeps the bytes that follow a decoded frame but loses
 * their first byte (it moves them down from index 1, leaving the previous frame's first byte in
 * place). A frame that arrives in the same read as the one before it is then decoded with the
 * previous frame's opcode. For two SIP text frames that goes unseen; for a Close frame after a SIP
 * message (a phone answering the BYE and hanging up its WebSocket at once) the Close is read as
 * text, never answered, and the connection stays open until the phone gives up: its binding
 * stays, and the next call rings a flow that can no longer answer instead of waking the phone.
 * Not thread-safe: one per connection, fed from its read path.
 */
final class WebSocketFrames {

    /** RFC 6455 §5.5.1. */
    static final int OPCODE_CLOSE = 0x8;

    /** One whole frame, header included, exactly as it arrived. */
    record Frame(int opcode, byte[] bytes) {
        boolean isClose() {
            return opcode == OPCODE_CLOSE;
        }
    }

    private final long maxPayload;
    private byte[] pending = new byte[0];

    /**
     * @param maxPayload the largest payload accepted: RFC 7118 §5.1 carries one SIP message per
     *                   frame, so a frame longer than the largest SIP message is refused before it is
     *                   buffered
     */
    WebSocketFrames(long maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** The frames these bytes complete, in order; an incomplete last frame waits for more bytes. */
    List<Frame> feed(byte[] bytes) throws IOException {
        byte[] buf = pending.length == 0 ? bytes : concat(pending, bytes);
        List<Frame> frames = new ArrayList<>(1);
        int at = 0;
        while (true) {
            long length = frameLength(buf, at);
            if (length < 0 || at + length > buf.length) {
                break;
            }
            int end = at + (int) length;
            frames.add(new Frame(buf[at] & 0x0f, Arrays.copyOfRange(buf, at, end)));
            at = end;
        }
        pending = at == buf.length ? new byte[0] : Arrays.copyOfRange(buf, at, buf.length);
        return frames;
    }

    /** Header plus payload length of the frame starting at {@code at}, or -1 while its header is incomplete. */
    private long frameLength(byte[] buf, int at) throws IOException {
        int available = buf.length - at;
        if (available < 2) {
            return -1;
        }
        boolean masked = (buf[at + 1] & 0x80) != 0;
        int len7 = buf[at + 1] & 0x7f;
        int extended = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        int header = 2 + extended + (masked ? 4 : 0);
        if (available < header) {
            return -1;
        }
        long payload = len7;
        if (extended > 0) {
            payload = 0;
            for (int i = 0; i < extended; i++) {
                payload = (payload << 8) | (buf[at + 2 + i] & 0xff);
            }
        }
        if (payload < 0 || payload > maxPayload) {
            throw new IOException("WebSocket frame payload of " + Long.toUnsignedString(payload)
                    + " bytes exceeds the largest SIP message (" + maxPayload + " bytes)");
        }
        return header + payload;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
