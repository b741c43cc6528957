package io.ringedge.edge.sip;

import io.ringedge.edge.EdgeFixture;
import io.ringedge.edge.cluster.FlowRoute;
import io.ringedge.edge.sip.ws.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receiving side of edge-to-edge delivery: an INVITE on the internal listener naming a flow in
 * its top Route reaches the call side with that flow, and only then.
 */
class EdgeRelayTest {

    private EdgeFixture f;
    private RecordingCallSignalling calls;
    private TestUa otherEdge;

    @BeforeEach
    void start() throws Exception {
        f = new EdgeFixture("edge-b", (stack, flows, responder) -> calls = new RecordingCallSignalling(responder, 486));
        otherEdge = new TestUa();
    }

    @AfterEach
    void stop() {
        otherEdge.close();
        f.close();
    }

    private String internalUri() {
        return "sip:127.0.0.1:" + f.edge.sip().port(Ingress.INTERNAL) + ";transport=tcp";
    }

    private Request invite(RouteHeader route) throws Exception {
        Request r = otherEdge.request(Request.INVITE, "sip:alice@device.invalid;transport=ws", "TCP");
        r.addHeader(route);
        return r;
    }

    private Request invite(String flowId) throws Exception {
        return invite(FlowRoute.to(internalUri(), flowId, otherEdge.addresses, otherEdge.headers));
    }

    @Test
    void anInviteNamingALiveFlowIsRelayedWithThatFlow() throws Exception {
        try (WsDevice device = new WsDevice(f.edge.sip().port(Ingress.WS))) {
            device.send(device.register("alice", 600, "Authorization: Bearer " + f.token("tenant-a", "alice", "d1") + "\r\n"));
            device.next();
            Flow flow = f.edge.flows().find(new io.ringedge.edge.sip.ws.FlowId(
                    f.directory.bindings("tenant-a", "alice").getFirst().flowId())).orElseThrow();

            otherEdge.tcp.getNewClientTransaction(invite(flow.id().value())).sendRequest();

            RecordingCallSignalling.Relay relay = calls.relays.poll(5, TimeUnit.SECONDS);
            assertNotNull(relay);
            assertEquals(flow, relay.target());
            assertEquals(Ingress.INTERNAL, relay.invite().ingress());
        }
    }

    @Test
    void aGoneFlowIs430AndAMissingTokenIs400() throws Exception {
        assertEquals(430, otherEdge.send(invite("0123456789abcdef01234567")).getStatusCode());
        RouteHeader noToken = otherEdge.headers.createRouteHeader(otherEdge.addresses.createAddress(
                "<" + internalUri() + ";lr>"));
        assertEquals(400, otherEdge.send(invite(noToken)).getStatusCode(), "a Route to this edge without a flow token");
        assertEquals(430, otherEdge.send(invite("NOT-HEX")).getStatusCode());
        assertTrue(calls.relays.isEmpty());
    }
}
