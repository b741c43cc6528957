package io.ringedge.edge.sip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written by hand (RFC 6455), for what the JDK client cannot be made to do:
 * putting several frames into one TCP write, as a phone's stack does when it answers a BYE and
 * closes at once.
 */
final class RawWebSocket implements AutoCloseable {

    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;

    /** A frame the edge sent; opcode -1 and no payload when the edge closed TCP. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Connects and completes the opening handshake (RFC 6455 §4.1) for subprotocol "sip" (RFC 7118 §4.1). */
    RawWebSocket(int port) throws IOException {
        this(new Socket("127.0.0.1", port), port);
    }

    /** Over a socket already connected to the edge's WS or WSS port (a TLS socket for WSS). */
    RawWebSocket(Socket socket, int port) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(3000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: sip\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.write(b);
        }
        if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head);
        }
    }

    /** A client frame: RFC 6455 §5.3 requires every client frame to be masked. */
    static byte[] frame(int opcode, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i % 4]);
        }
        return f.toByteArray();
    }

    static byte[] text(String sip) {
        return frame(TEXT, sip.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 6455 §5.5.1: status code 1000 (normal closure) and a reason. */
    static byte[] close(String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + r.length];
        payload[0] = (byte) (1000 >> 8);
        payload[1] = (byte) (1000 & 0xff);
        System.arraycopy(r, 0, payload, 2, r.length);
        return frame(CLOSE, payload);
    }

    /** All the bytes in one write, so they reach the edge in one read on loopback. */
    void write(byte[]... frames) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            all.writeBytes(f);
        }
        out.write(all.toByteArray());
        out.flush();
    }

    /** The next frame from the edge (unmasked, RFC 6455 §5.1); opcode -1 once the edge closed TCP. */
    Frame next() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return new Frame(-1, null);
        }
        int len = in.read() & 0x7f;
        if (len == 126) {
            len = (in.read() << 8) | in.read();
        }
        byte[] payload = in.readNBytes(len);
        return new Frame(b0 & 0x0f, payload);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
