package io.ringedge.edge.call.internal;

import io.ringedge.edge.call.internal.WsPhone.SipText;
import io.ringedge.edge.connection.CallLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.Optional;

import static io.ringedge.edge.call.internal.LoopbackEdge.PBX_SDP;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The edge's admission control with real calls on loopback: a call holds its place among the calls
 * being set up until it is located, and its connection's concurrent-call place until it ends.
 */
class CallAdmissionTest {

    private LoopbackEdge edge;

    @AfterEach
    void stop() throws InterruptedException {
        edge.close();
    }

    @Test
    void aTrunkAtItsConcurrentCallLimitTakesTheNextCallOnceItsCallEnded() throws Exception {
        edge = new LoopbackEdge(new CallLimits(0, 1), 1_000);
        WsPhone phone = edge.phone("dev-a");
        edge.call("UDP");
        edge.located("dev-a");
        SipText atPhone = phone.next("INVITE");

        edge.invite("UDP", PBX_SDP);
        Response refused = edge.pbx.nextResponse();
        assertEquals(503, refused.getStatusCode(), "one call at a time on this trunk");
        assertEquals("Concurrent Call Limit Reached", refused.getReasonPhrase());

        phone.respond(atPhone, 486, "Busy Here", Optional.empty());
        assertEquals(486, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        edge.call("UDP"); // asserts 100 Trying: the ended call gave its place back
    }

    @Test
    void pastItsBoundOnCallsWaitingToBeLocatedTheEdgeAnswers503RetryAfterUntilTheyAre() throws Exception {
        edge = new LoopbackEdge(CallLimits.NONE, 1);
        WsPhone phone = edge.phone("dev-a");
        edge.call("UDP"); // accepted, not yet located

        edge.invite("UDP", PBX_SDP);
        Response refused = edge.pbx.nextResponse();
        assertEquals(503, refused.getStatusCode());
        assertEquals("Overloaded", refused.getReasonPhrase());
        assertEquals(1, ((RetryAfterHeader) refused.getHeader(RetryAfterHeader.NAME)).getRetryAfter(),
                "the PBX may try another edge, and this one again in a second");

        edge.located("dev-a");
        phone.next("INVITE"); // the call handled its location (posted to it, not done on this thread)
        edge.call("UDP"); // asserts 100 Trying: the located call no longer counts
    }
}
