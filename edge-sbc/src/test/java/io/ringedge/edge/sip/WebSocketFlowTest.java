package io.ringedge.edge.sip;

import io.ringedge.edge.connection.ConnectionGate;
import io.ringedge.edge.connection.ConnectionTable;
import io.ringedge.edge.sip.ws.Flow;
import io.ringedge.edge.sip.ws.FlowTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flow tracking against the real jain-sip WS processor and a real JDK WebSocket client: a request
 * knows its flow, the edge reaches the device over exactly that connection, and a close is noticed.
 */
class WebSocketFlowTest {

    private EdgeSipStack edge;
    private FlowTable flows;
    private final BlockingQueue<InboundRequest> registers = new LinkedBlockingQueue<>();
    private final BlockingQueue<Flow> closedFlows = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        flows = new FlowTable();
        flows.onClose(closedFlows::add);
        edge = EdgeSipStack.start("edge-ws", SipDispatcherTest.SIP, flows, new RejectCounters());
        Responder responder = new Responder(edge.messages());
        RegistrationHandler registrar = in -> {
            // What the registrar does with a binding: pin the Contact to the flow, answer 200.
            ContactHeader contact = (ContactHeader) in.request().getHeader(ContactHeader.NAME);
            flows.pin((SipURI) contact.getAddress().getURI(), in.flow().orElseThrow().id());
            registers.add(in);
            responder.reply(in, 200, "OK");
        };
        edge.setListener(new SipDispatcher(edge, flows, new ConnectionTable(List.of()), new ConnectionGate(1_000), registrar,
                new RecordingCallSignalling(responder, 500), new RejectCounters(), SipDispatcherTest.SIP.maxMessageSize()));
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void registerArrivesWithItsFlowAndTheEdgeReachesTheDeviceOverIt() throws Exception {
        try (WsDevice alice = new WsDevice(edge.port(Ingress.WS)); WsDevice bob = new WsDevice(edge.port(Ingress.WS))) {
            alice.send(alice.register("alice", 600, ""));
            assertTrue(alice.next().startsWith("SIP/2.0 200"));
            bob.send(bob.register("bob", 600, ""));
            assertTrue(bob.next().startsWith("SIP/2.0 200"));

            InboundRequest aliceRegister = registers.poll(1, TimeUnit.SECONDS);
            InboundRequest bobRegister = registers.poll(1, TimeUnit.SECONDS);
            assertNotNull(aliceRegister);
            assertNotNull(bobRegister);
            assertEquals(Ingress.WS, aliceRegister.ingress());
            assertNotEquals(aliceRegister.flow().orElseThrow().id(), bobRegister.flow().orElseThrow().id());
            assertEquals(2, flows.size());

            // The edge sends to Bob's .invalid Contact; the router must pick Bob's socket, not Alice's.
            edge.provider(Ingress.WS).getNewClientTransaction(options("sip:bob@" + bob.contactHost + ";transport=ws"))
                    .sendRequest();
            String atBob = bob.next();
            assertTrue(atBob.startsWith("OPTIONS sip:bob@" + bob.contactHost), atBob);
            assertTrue(alice.received.isEmpty(), "nothing may leak onto another device's flow");
        }
    }

    @Test
    void aRequestCanBeSentOverANamedFlowWithoutAnyRegistration() throws Exception {
        try (WsDevice device = new WsDevice(edge.port(Ingress.WS))) {
            device.send(device.register("erin", 600, ""));
            device.next();
            Flow flow = registers.poll(1, TimeUnit.SECONDS).flow().orElseThrow();
            // a target nobody registered, e.g. the device's Contact as relayed by another edge
            String target = "sip:erin@other-" + device.contactHost + ";transport=ws";

            edge.clientTransaction(flow, options(target)).sendRequest();

            assertTrue(device.next().startsWith("OPTIONS " + target), "arrived over the named flow");
        }
        var gone = new Flow(new io.ringedge.edge.sip.ws.FlowId("00"), "WS", new java.net.InetSocketAddress("127.0.0.1", 1));
        assertThrows(javax.sip.SipException.class, () -> edge.clientTransaction(gone, options("sip:x@y.invalid")));
    }

    @Test
    void closingTheWebSocketClosesTheFlow() throws Exception {
        WsDevice device = new WsDevice(edge.port(Ingress.WS));
        device.send(device.register("carol", 600, ""));
        device.next();
        Flow flow = registers.poll(1, TimeUnit.SECONDS).flow().orElseThrow();

        device.socket.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        device.closed.get(5, TimeUnit.SECONDS);
        device.close();

        assertEquals(flow, closedFlows.poll(5, TimeUnit.SECONDS));
        assertEquals(0, flows.size());
        assertTrue(flows.pinnedFlow(edge.addresses().createSipURI("carol", device.contactHost)).isEmpty());
    }

    /**
     * A phone that answers the BYE and closes at once puts the 200 and the Close frame into one TCP
     * segment. The Close must still be answered (RFC 6455 §5.5.1) so the phone closes TCP at once
     * (§7.1.1) and its binding goes: a flow whose device has sent Close can carry no answer to an
     * INVITE, and the next call must wake the phone instead of ringing that flow until the phone
     * gives up waiting for the answer.
     */
    @Test
    void aCloseInTheSameReadAsASipMessageIsAnsweredAndClosesTheFlow() throws Exception {
        try (RawWebSocket phone = new RawWebSocket(edge.port(Ingress.WS))) {
            phone.write(RawWebSocket.text(register("frank", 1)));
            RawWebSocket.Frame ok = phone.next();
            assertTrue(ok.text().startsWith("SIP/2.0 200"), ok.text());
            Flow flow = registers.poll(1, TimeUnit.SECONDS).flow().orElseThrow();

            phone.write(RawWebSocket.text(register("frank", 2)), RawWebSocket.close("call over"));

            RawWebSocket.Frame frame = phone.next();
            while (frame.opcode() == RawWebSocket.TEXT) {
                frame = phone.next(); // the 200 to the refresh may come first
            }
            assertEquals(RawWebSocket.CLOSE, frame.opcode(), "the Close is answered with a Close");
            // the device may send nothing after its Close, but what it sent before is still handled
            assertEquals(flow, registers.poll(2, TimeUnit.SECONDS).flow().orElseThrow());
            phone.close(); // as a client does on the answering Close (RFC 6455 §7.1.1)
            assertEquals(flow, closedFlows.poll(2, TimeUnit.SECONDS));
            assertEquals(0, flows.size());
        }
    }

    /** A Close split across two reads, after its SIP message in the first: answered too. */
    @Test
    void aCloseSplitAcrossReadsIsAnsweredAndClosesTheFlow() throws Exception {
        try (RawWebSocket phone = new RawWebSocket(edge.port(Ingress.WS))) {
            byte[] close = RawWebSocket.close("call over");
            byte[] register = RawWebSocket.text(register("gina", 1));
            byte[] first = java.util.Arrays.copyOf(register, register.length + 3);
            System.arraycopy(close, 0, first, register.length, 3);
            phone.write(first);
            RawWebSocket.Frame ok = phone.next();
            assertTrue(ok.text().startsWith("SIP/2.0 200"), ok.text());
            Flow flow = registers.poll(1, TimeUnit.SECONDS).flow().orElseThrow();

            phone.write(java.util.Arrays.copyOfRange(close, 3, close.length));

            assertEquals(RawWebSocket.CLOSE, phone.next().opcode(), "the Close is answered with a Close");
            phone.close();
            assertEquals(flow, closedFlows.poll(2, TimeUnit.SECONDS));
        }
    }

    private static String register(String user, int cseq) {
        String host = user + ".invalid";
        return "REGISTER sip:ringedge.invalid SIP/2.0\r\n"
                + "Via: SIP/2.0/WS " + host + ";branch=z9hG4bK-" + user + "-" + cseq + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@ringedge.invalid>;tag=" + user + "\r\n"
                + "To: <sip:" + user + "@ringedge.invalid>\r\n"
                + "Call-ID: reg-" + user + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + user + "@" + host + ";transport=ws>;expires=600\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void anAbortedConnectionClosesTheFlowToo() throws Exception {
        WsDevice device = new WsDevice(edge.port(Ingress.WS));
        device.send(device.register("dave", 600, ""));
        device.next();
        Flow flow = registers.poll(1, TimeUnit.SECONDS).flow().orElseThrow();

        device.close(); // TCP reset without a WebSocket close handshake: a phone losing its network

        assertEquals(flow, closedFlows.poll(5, TimeUnit.SECONDS));
    }

    private Request options(String uri) throws Exception {
        var h = edge.headers();
        var a = edge.addresses();
        int port = edge.port(Ingress.WS);
        return edge.messages().createRequest(a.createURI(uri), Request.OPTIONS,
                h.createCallIdHeader(UUID.randomUUID().toString()), h.createCSeqHeader(1L, Request.OPTIONS),
                h.createFromHeader(a.createAddress("sip:edge@127.0.0.1"), "e1"),
                h.createToHeader(a.createAddress(uri), null),
                new ArrayList<>(List.of(h.createViaHeader("127.0.0.1", port, "WS", null))),
                h.createMaxForwardsHeader(70));
    }

}
