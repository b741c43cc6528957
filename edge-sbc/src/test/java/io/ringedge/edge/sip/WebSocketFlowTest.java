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
