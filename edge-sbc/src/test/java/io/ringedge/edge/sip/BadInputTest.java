package io.ringedge.edge.sip;

import io.ringedge.edge.EdgeFixture;
import io.ringedge.edge.sip.RejectCounters.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static io.ringedge.edge.sip.WsDevice.header;
import static io.ringedge.edge.sip.WsDevice.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind of bad input gets its answer (or is dropped and counted) and the edge keeps serving:
 * every test ends with a normal request on the same transport succeeding.
 */
class BadInputTest {

    private EdgeFixture f;
    private int tcp;
    private int udp;
    private int ws;

    @BeforeEach
    void start() throws Exception {
        f = new EdgeFixture("edge-bad", (stack, flows, responder) -> new RecordingCallSignalling(responder, 486));
        tcp = f.edge.sip().port(Ingress.TCP);
        udp = f.edge.sip().port(Ingress.UDP);
        ws = f.edge.sip().port(Ingress.WS);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private long count(Reason r) {
        return f.edge.counters().count(r);
    }

    @Test
    void tcp() throws Exception {
        try (RawSip pbx = new RawSip(tcp)) {
            // unparseable request line, but the headers a response needs are there: 400 naming the problem
            pbx.send(RawSip.options(tcp, "TCP", "bad-line", "Content-Length: 0\r\n\r\n").replaceFirst("OPTIONS sip:\\S+", "OPTIONS <<>>"));
            String r = pbx.next();
            assertEquals(400, status(r), r);
            assertEquals("bad-line", header(r, "Call-ID"));
            assertTrue(r.startsWith("SIP/2.0 400 Bad Request ("), r);

            // no Content-Length on a stream transport (RFC 3261 §18.3)
            pbx.send(RawSip.options(tcp, "TCP", "no-cl", "\r\n"));
            r = pbx.next();
            assertEquals(400, status(r), r);
            assertEquals("no-cl", header(r, "Call-ID"));
            assertEquals(1, count(Reason.MISSING_CONTENT_LENGTH));

            // larger than edge.sip.max-message-size (8192)
            pbx.send(RawSip.options(tcp, "TCP", "big", "X-Pad: " + "x".repeat(9000) + "\r\nContent-Length: 0\r\n\r\n"));
            r = pbx.next();
            assertEquals(513, status(r), r);
            assertEquals(1, count(Reason.OVERSIZE));

            // unknown method
            pbx.send(RawSip.options(tcp, "TCP", "frob", "Content-Length: 0\r\n\r\n").replace("OPTIONS", "FROB"));
            r = pbx.next();
            assertEquals(501, status(r), r);

            // Content-Length too small: the rest of the body poisons the next message, which gets 400
            pbx.send(RawSip.options(tcp, "TCP", "short-cl", "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nabcdef"));
            assertEquals(200, status(pbx.next()));
            pbx.send(RawSip.options(tcp, "TCP", "after-short", "Content-Length: 0\r\n\r\n"));
            r = pbx.next();
            assertEquals(400, status(r), r);
            assertEquals("after-short", header(r, "Call-ID"));

            pbx.send(RawSip.options(tcp, "TCP", "fine", "Content-Length: 0\r\n\r\n"));
            r = pbx.next();
            assertEquals(200, status(r), r);
            assertEquals("fine", header(r, "Call-ID"));
        }
        try (RawSip stranger = new RawSip(tcp)) {
            // Not SIP at all (no Call-ID to frame it by): nothing to address a response to. jain-sip
            // drops the connection; the edge counts it.
            stranger.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertNull(stranger.next(), "closed without an answer");
            assertEquals(1, count(Reason.UNFRAMEABLE));
        }
        try (RawSip pbx = new RawSip(tcp)) {
            pbx.send(RawSip.options(tcp, "TCP", "after-garbage", "Content-Length: 0\r\n\r\n"));
            assertEquals(200, status(pbx.next()), "the listener still serves");
        }
    }

    @Test
    void udpGarbageIsDroppedAndCounted() throws Exception {
        try (DatagramSocket pbx = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            pbx.setSoTimeout(1500);
            InetSocketAddress edge = new InetSocketAddress("127.0.0.1", udp);
            long before = count(Reason.UNPARSEABLE);

            send(pbx, edge, RawSip.options(udp, "UDP", "udp-bad", "Content-Length: 0\r\n\r\n").replaceFirst("OPTIONS sip:\\S+", "OPTIONS <<>>"));
            send(pbx, edge, "\u0001\u0002 definitely not SIP\r\n\r\n");
            assertNull(receive(pbx), "no answer to forged-source material on UDP");
            assertEquals(before + 2, count(Reason.UNPARSEABLE));

            // oversize is answered on UDP too: the request parsed, its source is as good as any
            send(pbx, edge, RawSip.options(udp, "UDP", "udp-big", "X-Pad: " + "z".repeat(9000) + "\r\nContent-Length: 0\r\n\r\n")
                    .replace("127.0.0.1:5999", "127.0.0.1:" + pbx.getLocalPort()));
            assertEquals(513, status(receive(pbx)));

            // Content-Length is optional on UDP
            send(pbx, edge, RawSip.options(udp, "UDP", "udp-fine", "\r\n").replace("127.0.0.1:5999",
                    "127.0.0.1:" + pbx.getLocalPort()));
            String r = receive(pbx);
            assertEquals(200, status(r), r);
            assertEquals("udp-fine", header(r, "Call-ID"));
        }
    }

    @Test
    void webSocket() throws Exception {
        try (WsDevice junk = new WsDevice(ws)) {
            junk.send("hello, I am not SIP\r\n\r\n");
            junk.closed.handle((status, error) -> null).get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(junk.received.isEmpty(), "no answer to a frame that is not SIP");
            assertEquals(1, count(Reason.UNFRAMEABLE));
        }
        try (WsDevice device = new WsDevice(ws)) {
            String register = device.register("alice", 600, "Authorization: Bearer " + f.token("tenant-a", "alice", "w1") + "\r\n");
            device.send(register.replaceFirst("REGISTER sip:\\S+", "REGISTER <<>>"));
            String r = device.next();
            assertEquals(400, status(r), r);

            device.send(register.replace("Content-Length: 0\r\n", "X-Pad: " + "y".repeat(9000) + "\r\nContent-Length: 0\r\n"));
            assertEquals(513, status(device.next()));

            device.send(register.replace("REGISTER", "FROB"));
            assertEquals(501, status(device.next()));

            device.send(register);
            assertEquals(200, status(device.next()), "a normal REGISTER still works");
        }
    }

    private static void send(DatagramSocket s, InetSocketAddress to, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, to));
    }

    private static String receive(DatagramSocket s) throws Exception {
        byte[] buf = new byte[65_535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            s.receive(p);
            return new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }
}
