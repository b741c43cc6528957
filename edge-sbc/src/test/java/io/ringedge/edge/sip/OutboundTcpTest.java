package io.ringedge.edge.sip;

import io.ringedge.edge.connection.ConnectionTable;
import io.ringedge.edge.connection.ConnectionGate;
import io.ringedge.edge.sip.ws.FlowTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sip.ResponseEvent;
import javax.sip.message.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The edge opening new TCP connections (to a PBX, to another edge): what the call adapter relies on
 * for in-dialog requests and edge-to-edge INVITEs. Each round is a fresh peer, so a fresh connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundTcpTest {

    private EdgeSipStack edge;
    private final BlockingQueue<ResponseEvent> responses = new LinkedBlockingQueue<>();

    @BeforeAll
    void start() throws Exception {
        edge = EdgeSipStack.start("edge-out", SipDispatcherTest.SIP, new FlowTable(), new RejectCounters());
        Responder responder = new Responder(edge.messages());
        RecordingCallSignalling recording = new RecordingCallSignalling(responder, 486);
        edge.setListener(new SipDispatcher(edge, new FlowTable(), new ConnectionTable(List.of()), new ConnectionGate(1_000),
                in -> { }, new ForwardingResponses(recording, responses), new RejectCounters(), 8192));
    }

    @AfterAll
    void stop() {
        edge.close();
    }

    @ParameterizedTest
    @EnumSource(value = Ingress.class, names = {"TCP", "INTERNAL", "UDP"})
    void requestsOverNewConnectionsArrive(Ingress from) throws Exception {
        for (int round = 0; round < 5; round++) {
            try (TestUa peer = new TestUa()) {
                String transport = from == Ingress.UDP ? "UDP" : "TCP";
                int port = (from == Ingress.UDP ? peer.udp : peer.tcp).getListeningPoint(transport).getPort();
                String uri = "sip:peer@127.0.0.1:" + port + ";transport=" + transport.toLowerCase();
                var h = edge.headers();
                var a = edge.addresses();
                Request options = edge.messages().createRequest(a.createURI(uri), Request.OPTIONS,
                        h.createCallIdHeader(UUID.randomUUID().toString()), h.createCSeqHeader(1L, Request.OPTIONS),
                        h.createFromHeader(a.createAddress("sip:edge@127.0.0.1"), "e" + round),
                        h.createToHeader(a.createAddress(uri), null),
                        new ArrayList<>(List.of(h.createViaHeader("127.0.0.1", edge.port(from), transport, null))),
                        h.createMaxForwardsHeader(70));
                edge.provider(from).getNewClientTransaction(options).sendRequest();

                var received = peer.requests.poll(5, TimeUnit.SECONDS);
                assertNotNull(received, "round " + round + ": the peer got nothing over a new " + from + " connection");
                var st = peer.udp == received.getSource() ? peer.udp.getNewServerTransaction(received.getRequest())
                        : peer.tcp.getNewServerTransaction(received.getRequest());
                st.sendResponse(peer.messages.createResponse(200, received.getRequest()));
                ResponseEvent r = responses.poll(5, TimeUnit.SECONDS);
                assertNotNull(r, "round " + round + ": no response back");
                assertEquals(200, r.getResponse().getStatusCode());
            }
        }
    }
}
