package io.ringedge.testkit;

import io.ringedge.testkit.RecordedMessage.Direction;
import io.ringedge.testkit.sip.SipMessage;
import io.ringedge.testkit.sip.SipParseException;
import io.ringedge.testkit.sip.SipParser;
import io.ringedge.testkit.sip.SipResponse;
import io.ringedge.testkit.sip.SipStreamFramer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The PBX side at the byte level, for bad-input tests SIPp cannot express: sends any text over UDP
 * (one datagram) or TCP (a stream, framed by Content-Length on the way back) from 127.0.0.1 and
 * reads what comes back. Not thread-safe: one test thread drives it.
 */
public final class PbxSocket implements AutoCloseable {

    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramSocket udp;
    private final Socket tcp;
    private final SipStreamFramer framer = new SipStreamFramer();
    private boolean closedByPeer;

    private PbxSocket(DatagramSocket udp, Socket tcp) {
        this.udp = udp;
        this.tcp = tcp;
    }

    public static PbxSocket udp(String host, int port) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.connect(new InetSocketAddress(host, port));
        return new PbxSocket(socket, null);
    }

    public static PbxSocket tcp(String host, int port, Duration connectTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.connect(new InetSocketAddress(host, port), Math.toIntExact(connectTimeout.toMillis()));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new PbxSocket(null, socket);
    }

    /** The local port, for the Via and Contact of hand-written requests. */
    public int localPort() {
        return udp != null ? udp.getLocalPort() : tcp.getLocalPort();
    }

    /** "UDP" or "TCP", for the Via of hand-written requests. */
    public String transport() {
        return udp != null ? "UDP" : "TCP";
    }

    public void send(SipMessage message) throws IOException {
        send(message.encode());
    }

    /** Sends the text as it is: one datagram, or bytes on the stream. */
    public void send(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (udp != null) {
            udp.send(new DatagramPacket(bytes, bytes.length));
        } else {
            OutputStream out = tcp.getOutputStream();
            out.write(bytes);
            out.flush();
        }
    }

    /**
     * The next message that arrives within {@code timeout}; empty if none did (or, over TCP, the
     * peer closed the connection: see {@link #closedByPeer()}). A message that does not parse is
     * returned with a null {@code message}.
     */
    public Optional<RecordedMessage> receive(Duration timeout) throws IOException {
        String text = udp != null ? receiveDatagram(timeout) : receiveFromStream(timeout);
        if (text == null) {
            return Optional.empty();
        }
        SipMessage parsed;
        try {
            parsed = SipParser.parse(text);
        } catch (SipParseException e) {
            parsed = null;
        }
        return Optional.of(new RecordedMessage(Instant.now(), Direction.RECEIVED, text, parsed));
    }

    /** Reads until a response with {@code status} arrives, skipping others (e.g. 100 Trying). */
    public SipResponse awaitResponse(int status, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder seen = new StringBuilder();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + status + " within " + timeout.toMillis() + " ms; got:" + seen);
            }
            Optional<RecordedMessage> next = receive(Duration.ofNanos(left));
            if (next.isEmpty()) {
                if (closedByPeer) {
                    throw new AssertionError("connection closed before a " + status + "; got:" + seen);
                }
                continue;
            }
            if (next.get().message() instanceof SipResponse r && r.status() == status) {
                return r;
            }
            seen.append("\n  ").append(next.get().summary());
        }
    }

    /** TCP only: the peer closed its end. */
    public boolean closedByPeer() {
        return closedByPeer;
    }

    private String receiveDatagram(Duration timeout) throws IOException {
        byte[] buf = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        udp.setSoTimeout(timeoutMillis(timeout));
        try {
            udp.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(buf, 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private String receiveFromStream(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = tcp.getInputStream();
        byte[] buf = new byte[8192];
        while (true) {
            Optional<String> ready = framer.next();
            if (ready.isPresent()) {
                return ready.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || closedByPeer) {
                return null;
            }
            tcp.setSoTimeout(timeoutMillis(Duration.ofNanos(left)));
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (n < 0) {
                closedByPeer = true;
                return framer.next().orElse(null);
            }
            framer.append(buf, 0, n);
        }
    }

    private static int timeoutMillis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        } else {
            tcp.close();
        }
    }
}
