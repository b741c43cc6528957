package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioWebSocketMessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * An accepted WS connection whose unframeable input (frames that are not SIP) is counted, whose
 * and whose frames reach jain-sip's decoder one whole frame at a time, so a Close frame is always
 * seen and answered ({@link WebSocketFrames} says why).
 */
final class ScreenedWebSocketChannel extends NioWebSocketMessageChannel {

    private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};

    private final StreamScreening screening;
    private final WebSocketFrames frames;
    /** The opening handshake (RFC 6455 §4.2.1, an HTTP request) is jain-sip's to read, as it arrives. */
    private boolean handshakeDone;
    /** The last bytes of the handshake seen so far, to find its end when TCP splits it. */
    private byte[] handshakeTail = new byte[0];
    private boolean closing;

    ScreenedWebSocketChannel(SIPTransactionStack stack, NioTcpMessageProcessor processor, SocketChannel socket,
                             StreamScreening screening) throws IOException {
        super(stack, processor, socket);
        this.screening = screening;
        int maxMessage = stack.getMaxMessageSize();
        this.frames = new WebSocketFrames(maxMessage > 0 ? maxMessage : Integer.MAX_VALUE);
    }

    @Override
    protected void addBytes(byte[] bytes) throws Exception {
        screening.feed(() -> receive(bytes));
    }

    private void receive(byte[] bytes) throws Exception {
        if (closing) {
            // RFC 6455 §5.5.1: nothing follows a Close frame
            return;
        }
        byte[] rest = bytes;
        if (!handshakeDone) {
            int end = handshakeEnd(bytes);
            if (end < 0) {
                super.addBytes(bytes);
                return;
            }
            handshakeDone = true;
            // jain-sip hands the bytes after the request back to addBytes: they come round as frames
            super.addBytes(Arrays.copyOf(bytes, end));
            rest = Arrays.copyOfRange(bytes, end, bytes.length);
        }
        for (WebSocketFrames.Frame frame : frames.feed(rest)) {
            super.addBytes(frame.bytes());
            if (frame.isClose()) {
                // jain-sip has answered the Close with a Close, and the device closes TCP on it
                // (RFC 6455 §7.1.1), which ends the flow and its binding. The edge does not close
                // first: messages the device sent just before its Close are still being processed.
                closing = true;
                return;
            }
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
