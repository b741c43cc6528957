package io.ringedge.edge.sip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Hand-written SIP over a plain TCP socket, for input no SIP stack would produce. */
final class RawSip implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    RawSip(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(3000);
        in = socket.getInputStream();
    }

    void send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** The next SIP message, or null if none arrives within the timeout. */
    String next() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return buf.size() == 0 ? null : buf.toString(StandardCharsets.UTF_8);
                }
                buf.write(b);
                String s = buf.toString(StandardCharsets.UTF_8);
                if (s.equals("\r\n")) {
                    buf.reset(); // keep-alive CRLF (RFC 5626 §4.4.1)
                } else if (s.endsWith("\r\n\r\n")) {
                    String cl = WsDevice.header(s, "Content-Length");
                    int body = cl == null ? 0 : Integer.parseInt(cl);
                    return s + new String(in.readNBytes(body), StandardCharsets.UTF_8);
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** An OPTIONS with the given Call-ID and extra header lines, without Content-Length. */
    static String options(int port, String transport, String callId, String extra) {
        return "OPTIONS sip:ping@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:5999;branch=z9hG4bK" + UUID.randomUUID().toString().substring(0, 10) + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:pbx@127.0.0.1>;tag=raw1\r\n"
                + "To: <sip:ping@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + extra;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
