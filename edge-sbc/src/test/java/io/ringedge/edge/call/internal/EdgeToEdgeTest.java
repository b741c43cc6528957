package io.ringedge.edge.call.internal;

import io.ringedge.edge.InMemoryDeviceDirectory;
import io.ringedge.edge.call.internal.WsPhone.SipText;
import io.ringedge.events.CallEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static io.ringedge.edge.call.internal.LoopbackEdge.DEVICE_SDP;
import static io.ringedge.edge.call.internal.LoopbackEdge.PBX_SDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A device attached to edge B receives a call the PBX sent to edge A: A forks over B's internal
 * listener naming the device's flow (RFC 5626 §5.3), B relays it to the WebSocket. Only A, which
 * holds the call, publishes its timeline.
 */
class EdgeToEdgeTest {

    private final Map<String, String> nodes = new ConcurrentHashMap<>();
    private final InMemoryDeviceDirectory cluster = new InMemoryDeviceDirectory();
    private LoopbackEdge a;
    private LoopbackEdge b;

    @BeforeEach
    void start() throws Exception {
        a = new LoopbackEdge("edge-a", cluster, node -> Optional.ofNullable(nodes.get(node)));
        b = new LoopbackEdge("edge-b", cluster, node -> Optional.ofNullable(nodes.get(node)));
        nodes.put("edge-a", a.internalUri());
        nodes.put("edge-b", b.internalUri());
    }

    @AfterEach
    void stop() throws InterruptedException {
        a.close();
        b.close();
    }

    @Test
    void phoneOnEdgeBAnswersACallHeldOnEdgeA_callerHangsUp() throws Exception {
        WsPhone phone = b.phone("dev-a");
        ClientTransaction invite = a.call("UDP");
        String callId = a.located("dev-a");

        SipText atPhone = phone.next("INVITE");
        assertEquals(PBX_SDP, atPhone.body());
        assertEquals(1, atPhone.all("via").size(), "edge B's own Via only");
        phone.respond(atPhone, 180, "Ringing", Optional.empty());
        assertEquals(180, a.pbx.nextResponse(Request.INVITE).getStatusCode());
        phone.respond(atPhone, 200, "OK", Optional.of(DEVICE_SDP));
        assertEquals(200, a.pbx.nextResponse(Request.INVITE).getStatusCode());
        a.pbx.ack(invite.getDialog());
        phone.next("ACK");
        a.pbx.bye(invite.getDialog(), "UDP");
        phone.respond(phone.next("BYE"), 200, "OK", Optional.empty());
        assertEquals(200, a.pbx.nextResponse(Request.BYE).getStatusCode());

        a.assertTimeline(callId, "CallOffered", "CallRinging(dev-a)", "CallAnswered(dev-a)",
                "CallEnded(CALLER_HANGUP,200)");
        assertTrue(b.events.all().stream().noneMatch(CallEvent.class::isInstance), "edge B publishes no call events");
        a.assertRetired();
        b.assertRetired();
    }

    @Test
    void phoneOnEdgeBHangsUp() throws Exception {
        LoopbackEdge.AnsweredCall call = a.answeredAtOnce(b.phone("dev-a"));
        WsPhone phone = call.phone();
        a.pbx.ack(call.invite().getDialog());
        phone.next("ACK");

        phone.bye(call.atPhone());
        a.pbx.respond(a.pbx.nextRequest(Request.BYE), null, 200, Optional.empty());
        assertEquals(200, phone.next("BYE").status());

        a.assertTimeline(call.callId(), "CallOffered", "CallAnswered(dev-a)", "CallEnded(CALLEE_HANGUP,200)");
        a.assertRetired();
        b.assertRetired();
    }

    @Test
    void callerCancelsWhileThePhoneOnEdgeBRings() throws Exception {
        WsPhone phone = b.phone("dev-a");
        ClientTransaction invite = a.call("UDP");
        String callId = a.located("dev-a");
        SipText atPhone = phone.next("INVITE");
        phone.respond(atPhone, 180, "Ringing", Optional.empty());
        assertEquals(180, a.pbx.nextResponse(Request.INVITE).getStatusCode());

        a.pbx.cancel(invite);
        assertEquals(487, a.pbx.nextResponse(Request.INVITE).getStatusCode());
        phone.respond(phone.next("CANCEL"), 200, "OK", Optional.empty());
        phone.respond(atPhone, 487, "Request Terminated", Optional.empty());
        phone.next("ACK");

        a.assertTimeline(callId, "CallOffered", "CallRinging(dev-a)", "CallCancelled",
                "CallEnded(CALLER_CANCELLED,487)");
        a.assertRetired();
        b.assertRetired();
    }
}
