package io.ringedge.edge.call.internal;

import io.ringedge.events.Caller;
import io.ringedge.edge.InMemoryDeviceDirectory;
import io.ringedge.edge.call.MediaAnchor;
import io.ringedge.edge.call.SdpPassThrough;
import io.ringedge.edge.call.internal.LoopbackEdge.AnsweredCall;
import io.ringedge.edge.call.internal.WsPhone.SipText;
import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallCancelled;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallOffered;
import io.ringedge.events.CallRinging;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sip.ClientTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.lang.reflect.Proxy;

import static io.ringedge.edge.call.internal.LoopbackEdge.DEVICE_SDP;
import static io.ringedge.edge.call.internal.LoopbackEdge.PBX_SDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * One device, whole calls through the adapter between real stacks on loopback ({@link LoopbackEdge}):
 * what the PBX and the phone see on the wire, and the call's published timeline.
 */
class B2buaCallTest {

    private LoopbackEdge edge;

    @BeforeEach
    void start() throws Exception {
        edge = new LoopbackEdge();
    }

    @AfterEach
    void stop() throws InterruptedException {
        edge.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void answeredCall_callerHangsUp(String transport) throws Exception {
        WsPhone phone = edge.phone("dev-a");
        ClientTransaction invite = edge.call(transport);
        String callId = edge.located("dev-a");

        SipText atPhone = phone.next("INVITE");
        edge.assertTopologyHidden(invite.getRequest(), atPhone);
        assertEquals(PBX_SDP, atPhone.body(), "SDP relayed unchanged");

        phone.respond(atPhone, 180, "Ringing", Optional.empty());
        assertEquals(180, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        phone.respond(atPhone, 200, "OK", Optional.of(DEVICE_SDP));
        Response ok = edge.pbx.nextResponse(Request.INVITE);
        assertEquals(200, ok.getStatusCode());
        assertEquals(DEVICE_SDP, SipPeer.body(ok));
        String okHeaders = LoopbackEdge.headersOf(ok);
        assertFalse(okHeaders.contains(atPhone.header("call-id")), "the PBX never sees the device leg");
        assertFalse(okHeaders.contains(".invalid"), "nor the device's Contact");

        // the device's 2xx held the answer: its ACK does not wait for the PBX's
        phone.next("ACK");
        edge.pbx.ack(invite.getDialog());
        callerHangsUp(phone, invite, transport);

        edge.assertTimeline(callId, "CallOffered", "CallRinging(dev-a)", "CallAnswered(dev-a)",
                "CallEnded(CALLER_HANGUP,200)");
        edge.assertRetired();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void answeredCall_deviceHangsUp(String transport) throws Exception {
        WsPhone phone = edge.phone("dev-a");
        ClientTransaction invite = edge.call(transport);
        String callId = edge.located("dev-a");

        SipText atPhone = phone.next("INVITE");
        phone.respond(atPhone, 200, "OK", Optional.of(DEVICE_SDP));
        assertEquals(200, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        edge.pbx.ack(invite.getDialog());
        phone.next("ACK");

        phone.bye(atPhone);
        edge.pbx.respond(edge.pbx.nextRequest(Request.BYE), null, 200, Optional.empty());
        assertEquals(200, phone.next("BYE").status());

        edge.assertTimeline(callId, "CallOffered", "CallAnswered(dev-a)", "CallEnded(CALLEE_HANGUP,200)");
        edge.assertRetired();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void callerCancelsWhileTheDeviceRings(String transport) throws Exception {
        WsPhone phone = edge.phone("dev-a");
        ClientTransaction invite = edge.call(transport);
        String callId = edge.located("dev-a");
        SipText atPhone = phone.next("INVITE");
        phone.respond(atPhone, 180, "Ringing", Optional.empty());
        assertEquals(180, edge.pbx.nextResponse(Request.INVITE).getStatusCode());

        edge.pbx.cancel(invite);
        assertEquals(487, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        SipText cancel = phone.next("CANCEL");
        phone.respond(cancel, 200, "OK", Optional.empty());
        phone.respond(atPhone, 487, "Request Terminated", Optional.empty());
        phone.next("ACK"); // the edge's transaction ACKs the 487 (RFC 3261 §17.1.1.3)

        edge.assertTimeline(callId, "CallOffered", "CallRinging(dev-a)", "CallCancelled",
                "CallEnded(CALLER_CANCELLED,487)");
        edge.assertRetired();
    }

    /**
     * RFC 3261 §13.2.2.4: a 2xx the device retransmits after its INVITE transaction ended matches
     * no client transaction and reaches the core, which ACKs it again; the PBX hears nothing of it.
     */
    @Test
    void aDevice2xxRetransmittedAfterItsAck_isAckedAgain() throws Exception {
        AnsweredCall call = answeredAtOnce();
        SipText ack = call.phone().next("ACK");
        edge.pbx.ack(call.invite().getDialog());

        call.phone().respond(call.atPhone(), 200, "OK", Optional.of(DEVICE_SDP));
        SipText again = call.phone().next("ACK");
        assertEquals(ack.header("cseq"), again.header("cseq"));
        assertEquals(ack.header("call-id"), again.header("call-id"));
        assertNull(edge.pbx.responses.poll(300, TimeUnit.MILLISECONDS), "the PBX hears nothing of it");

        callerHangsUp(call.phone(), call.invite(), "UDP");
        edge.assertTimeline(call.callId(), "CallOffered", "CallAnswered(dev-a)", "CallEnded(CALLER_HANGUP,200)");
    }

    /**
     * A device 2xx retransmitted before the edge's ACK left (here the ACK waits on its media) is
     * no news for the call: its answer is anchored once, and the one ACK covers both.
     */
    @Test
    void aDevice2xxRetransmittedBeforeTheEdgesAck_isAnchoredOnce() throws Exception {
        CountDownLatch ackMayGo = new CountDownLatch(1);
        AtomicInteger anchoredAnswers = new AtomicInteger();
        MediaAnchor plain = new SdpPassThrough();
        MediaAnchor slowAck = (MediaAnchor) Proxy.newProxyInstance(MediaAnchor.class.getClassLoader(),
                new Class<?>[] {MediaAnchor.class}, (proxy, method, args) -> {
                    if (method.getName().equals("answerToPbx")) {
                        anchoredAnswers.incrementAndGet();
                    } else if (method.getName().equals("ackToDevice")) {
                        ackMayGo.await(10, TimeUnit.SECONDS);
                    }
                    return method.invoke(plain, args);
                });
        edge.close();
        edge = new LoopbackEdge("edge-t", new InMemoryDeviceDirectory(), node -> Optional.empty(), slowAck);
        AnsweredCall call = answeredAtOnce();

        Thread.sleep(600); // T1 passes without an ACK
        call.phone().respond(call.atPhone(), 200, "OK", Optional.of(DEVICE_SDP));
        Thread.sleep(300);
        ackMayGo.countDown();
        call.phone().next("ACK");
        edge.pbx.ack(call.invite().getDialog());
        callerHangsUp(call.phone(), call.invite(), "UDP");
        edge.assertTimeline(call.callId(), "CallOffered", "CallAnswered(dev-a)", "CallEnded(CALLER_HANGUP,200)");
        assertEquals(1, anchoredAnswers.get(), "the retransmitted answer was not anchored again");
    }

    @Test
    void busyDevice() throws Exception {
        WsPhone phone = edge.phone("dev-a");
        edge.call("TCP");
        String callId = edge.located("dev-a");
        phone.respond(phone.next("INVITE"), 486, "Busy Here", Optional.empty());

        assertEquals(486, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        edge.assertTimeline(callId, "CallOffered", "CallEnded(BUSY,486)");
        edge.assertRetired();
    }

    @Test
    void noAnswerWithinTheRingTimeout() throws Exception {
        WsPhone phone = edge.phone("dev-a");
        edge.call("UDP");
        String callId = edge.located("dev-a");
        SipText atPhone = phone.next("INVITE");
        phone.respond(atPhone, 180, "Ringing", Optional.empty());
        assertEquals(180, edge.pbx.nextResponse(Request.INVITE).getStatusCode());

        assertEquals(480, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        phone.respond(phone.next("CANCEL"), 200, "OK", Optional.empty());
        phone.respond(atPhone, 487, "Request Terminated", Optional.empty());

        edge.assertTimeline(callId, "CallOffered", "CallRinging(dev-a)", "CallEnded(NO_ANSWER,480)");
        edge.assertRetired();
    }

    @Test
    void phoneWhoseWebSocketClosesMidCall_endsTheCall() throws Exception {
        AnsweredCall call = answeredAtOnce();
        edge.pbx.ack(call.invite().getDialog());
        call.phone().next("ACK");

        call.phone().close(); // the tab closed: no BYE, the connection just goes
        edge.pbx.respond(edge.pbx.nextRequest(Request.BYE), null, 200, Optional.empty());

        edge.assertTimeline(call.callId(), "CallOffered", "CallAnswered(dev-a)", "CallEnded(CALLEE_HANGUP,200)");
        edge.assertRetired();
    }

    @Test
    void noDevices() throws Exception {
        edge.call("UDP");
        String callId = edge.located();

        assertEquals(480, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        edge.assertTimeline(callId, "CallOffered", "CallEnded(NO_DEVICES,480)");
        edge.assertRetired();
    }

    @Test
    void deviceWhoseFlowIsGoneFailsItsFork() throws Exception {
        edge.call("UDP");
        CallOffered offered = edge.awaitOffered();
        edge.b2bua.devicesLocated(new DevicesLocated(offered.callId(), "tenant-a", "alice", Caller.UNKNOWN,
                List.of(new AttachedDevice("dev-gone", "edge-t", "abcdef", "")), List.of()));

        assertEquals(480, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        edge.assertTimeline(offered.callId(), "CallOffered", "CallEnded(FAILED,480)");
        edge.assertRetired();
    }

    @Test
    void byeForAnUnknownCallIs481() throws Exception {
        ClientTransaction invite = edge.call("UDP");
        edge.located();
        assertEquals(480, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        edge.assertRetired();

        Request bye = invite.getRequest();
        Request stray = edge.pbx.messages.createRequest(bye.getRequestURI(), Request.BYE,
                (CallIdHeader) bye.getHeader(CallIdHeader.NAME), edge.pbx.headers.createCSeqHeader(2L, Request.BYE),
                (FromHeader) bye.getHeader(FromHeader.NAME),
                edge.pbx.headers.createToHeader(((javax.sip.header.ToHeader) bye.getHeader("To")).getAddress(), "gone"),
                List.of(edge.pbx.headers.createViaHeader("127.0.0.1", edge.pbx.udp.getListeningPoint().getPort(), "UDP", null)),
                edge.pbx.headers.createMaxForwardsHeader(70));
        edge.pbx.udp.getNewClientTransaction(stray).sendRequest();
        assertEquals(481, edge.pbx.nextResponse(Request.BYE).getStatusCode());
    }

    @Test
    void pbxThatNeverAcks_bothLegsAreReleased() throws Exception {
        AnsweredCall call = answeredAtOnce();
        WsPhone phone = call.phone();

        // no ACK: after the ACK timeout (RFC 3261 §13.3.1.4) the edge ends both dialogs
        phone.next("ACK");
        phone.respond(phone.next("BYE"), 200, "OK", Optional.empty());
        edge.pbx.respond(edge.pbx.nextRequest(Request.BYE), null, 200, Optional.empty());

        edge.assertTimeline(call.callId(), "CallOffered", "CallAnswered(dev-a)", "CallEnded(FAILED,200)");
        edge.assertRetired();
    }

    private AnsweredCall answeredAtOnce() throws Exception {
        return edge.answeredAtOnce(edge.phone("dev-a"));
    }

    /** The PBX hangs up over {@code transport}; the phone agrees; the PBX gets its 200. */
    private void callerHangsUp(WsPhone phone, ClientTransaction invite, String transport) throws Exception {
        edge.pbx.bye(invite.getDialog(), transport);
        phone.respond(phone.next("BYE"), 200, "OK", Optional.empty());
        assertEquals(200, edge.pbx.nextResponse(Request.BYE).getStatusCode());
    }
}
