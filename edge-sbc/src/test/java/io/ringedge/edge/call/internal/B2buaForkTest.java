package io.ringedge.edge.call.internal;

import io.ringedge.events.Caller;
import io.ringedge.edge.call.internal.WsPhone.SipText;
import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallCancelled;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallOffered;
import io.ringedge.events.CallRinging;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AsleepDevice;
import io.ringedge.events.PushHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.ringedge.edge.call.internal.LoopbackEdge.DEVICE_SDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Several devices, and devices that attach while the call waits or after it ended (issue 3),
 * through the adapter between real stacks on loopback ({@link LoopbackEdge}).
 */
class B2buaForkTest {

    private LoopbackEdge edge;

    @BeforeEach
    void start() throws Exception {
        edge = new LoopbackEdge();
    }

    @AfterEach
    void stop() throws InterruptedException {
        edge.close();
    }

    @Test
    void forkToTwoDevices_theOtherIsCancelled() throws Exception {
        WsPhone a = edge.phone("dev-a");
        WsPhone b = edge.phone("dev-b");
        ClientTransaction invite = edge.call("TCP");
        String callId = edge.located("dev-a", "dev-b");
        SipText atA = a.next("INVITE");
        SipText atB = b.next("INVITE");
        assertNotEquals(atA.header("call-id"), atB.header("call-id"), "each fork is its own leg");
        a.respond(atA, 180, "Ringing", Optional.empty());
        assertEquals(180, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        b.respond(atB, 180, "Ringing", Optional.empty());

        b.respond(atB, 200, "OK", Optional.of(DEVICE_SDP));
        assertEquals(200, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        a.respond(a.next("CANCEL"), 200, "OK", Optional.empty());
        a.respond(atA, 487, "Request Terminated", Optional.empty());
        edge.pbx.ack(invite.getDialog());
        b.next("ACK");
        edge.pbx.bye(invite.getDialog(), "TCP");
        b.respond(b.next("BYE"), 200, "OK", Optional.empty());
        assertEquals(200, edge.pbx.nextResponse(Request.BYE).getStatusCode());

        edge.assertTimeline(callId, "CallOffered", "CallRinging(dev-a)", "CallAnswered(dev-b)",
                "CallEnded(CALLER_HANGUP,200)");
        edge.assertRetired();
    }

    @Test
    void bothDevicesAnswerAtOnce_theLoserIsAckedAndReleased() throws Exception {
        WsPhone a = edge.phone("dev-a");
        WsPhone b = edge.phone("dev-b");
        ClientTransaction invite = edge.call("UDP");
        String callId = edge.located("dev-a", "dev-b");
        SipText atA = a.next("INVITE");
        SipText atB = b.next("INVITE");
        a.respond(atA, 180, "Ringing", Optional.empty());
        assertEquals(180, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        b.respond(atB, 180, "Ringing", Optional.empty());
        a.respond(atA, 200, "OK", Optional.of(DEVICE_SDP));
        b.respond(atB, 200, "OK", Optional.of(DEVICE_SDP));

        assertEquals(200, edge.pbx.nextResponse(Request.INVITE).getStatusCode(), "the PBX sees one answer");
        String winnerId = answeredBy(callId);
        WsPhone winner = winnerId.equals("dev-a") ? a : b;
        WsPhone loser = winner == a ? b : a;
        // RFC 3261 §13.2.2.4: the losing 2xx is ACKed, then its dialog ended with BYE. A CANCEL
        // reaches it too unless its 2xx had already closed its INVITE transaction (§9.1).
        List<String> atLoser = new ArrayList<>();
        while (!atLoser.contains("BYE")) {
            SipText message = loser.nextAny();
            atLoser.add(message.method());
            if (message.method().equals("CANCEL") || message.method().equals("BYE")) {
                loser.respond(message, 200, "OK", Optional.empty());
            }
        }
        atLoser.remove("CANCEL");
        assertEquals(List.of("ACK", "BYE"), atLoser);

        edge.pbx.ack(invite.getDialog());
        winner.next("ACK");
        edge.pbx.bye(invite.getDialog(), "UDP");
        winner.respond(winner.next("BYE"), 200, "OK", Optional.empty());
        assertEquals(200, edge.pbx.nextResponse(Request.BYE).getStatusCode());
        assertEquals(Optional.empty(), edge.pbx.responses.stream().findAny().map(e -> e.getResponse().getStatusCode()),
                "no second 200 reached the PBX");

        edge.assertTimeline(callId, "CallOffered", "CallRinging(dev-a)", "CallAnswered(" + winnerId + ")",
                "CallEnded(CALLER_HANGUP,200)");
        edge.assertRetired();
    }

    @Test
    void deviceAttachingWhileTheCallWaits_isForkedAndAnswers() throws Exception {
        ClientTransaction invite = edge.call("UDP");
        CallOffered offered = edge.awaitOffered();
        edge.b2bua.devicesLocated(new DevicesLocated(offered.callId(), "tenant-a", "alice", Caller.UNKNOWN, List.of(),
                List.of(new AsleepDevice("dev-z", new PushHandle("fcm", "t", "")))));

        Response waking = edge.pbx.nextResponse(Request.INVITE);
        assertEquals(180, waking.getStatusCode());
        assertEquals("X-Ringedge-Wake: waking", waking.getHeader("X-Ringedge-Wake").toString().strip());

        WsPhone phone = edge.phone("dev-z"); // the woken phone attaches
        edge.b2bua.deviceAvailable(offered.callId(), edge.attached("dev-z"));
        SipText atPhone = phone.next("INVITE");
        Response attached = edge.pbx.nextResponse(Request.INVITE);
        assertEquals("X-Ringedge-Wake: device-attached", attached.getHeader("X-Ringedge-Wake").toString().strip());
        phone.respond(atPhone, 180, "Ringing", Optional.empty());
        assertEquals(180, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        phone.respond(atPhone, 200, "OK", Optional.of(DEVICE_SDP));
        assertEquals(200, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        edge.pbx.ack(invite.getDialog());
        phone.next("ACK");
        edge.pbx.bye(invite.getDialog(), "UDP");
        phone.respond(phone.next("BYE"), 200, "OK", Optional.empty());
        assertEquals(200, edge.pbx.nextResponse(Request.BYE).getStatusCode());

        edge.assertTimeline(offered.callId(), "CallOffered", "InviteDelivered(dev-z)", "CallRinging(dev-z)",
                "CallAnswered(dev-z)", "CallEnded(CALLER_HANGUP,200)");
        edge.assertRetired();
    }

    @Test
    void deviceAttachingAfterTheCallEnded_getsInviteThenCancel() throws Exception {
        WsPhone phone = edge.phone("dev-z");
        ClientTransaction invite = edge.call("UDP");
        CallOffered offered = edge.awaitOffered();
        edge.b2bua.devicesLocated(new DevicesLocated(offered.callId(), "tenant-a", "alice", Caller.UNKNOWN, List.of(),
                List.of(new AsleepDevice("dev-z", new PushHandle("fcm", "t", "")))));
        assertEquals(180, edge.pbx.nextResponse(Request.INVITE).getStatusCode(), "waking");
        edge.pbx.cancel(invite);
        assertEquals(487, edge.pbx.nextResponse(Request.INVITE).getStatusCode());

        edge.b2bua.deviceAvailable(offered.callId(), edge.attached("dev-z"));
        SipText atPhone = phone.next("INVITE");
        phone.respond(atPhone, 100, "Trying", Optional.empty());
        phone.respond(phone.next("CANCEL"), 200, "OK", Optional.empty());
        phone.respond(atPhone, 487, "Request Terminated", Optional.empty());
        phone.next("ACK");

        edge.assertTimeline(offered.callId(), "CallOffered", "CallCancelled", "CallEnded(CALLER_CANCELLED,487)");
        edge.assertRetired();
    }

    private String answeredBy(String callId) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Optional<String> device = edge.events.of(callId).stream().filter(CallAnswered.class::isInstance)
                    .map(e -> ((CallAnswered) e).deviceId()).findFirst();
            if (device.isPresent()) {
                return device.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no CallAnswered");
    }

    @Test
    void aRingingPhoneWhoseWebSocketCloses_losesItsFork() throws Exception {
        WsPhone phone = edge.phone("dev-a");
        ClientTransaction invite = edge.call("TCP");
        String callId = edge.located("dev-a");
        SipText atPhone = phone.next("INVITE");
        phone.respond(atPhone, 180, "Ringing", Optional.empty());
        assertEquals(180, edge.pbx.nextResponse(Request.INVITE).getStatusCode());

        phone.close(); // the phone's app is killed mid-ring: no CANCEL, no final response, its flow just goes

        // the PBX hears at once that its only device is gone (RFC 3261 §16.7: the lost leg counts
        // as a 503, which is never forwarded), not at the ring timeout
        assertEquals(480, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        edge.assertTimeline(callId, "CallOffered", "CallRinging(dev-a)", "CallEnded(FAILED,480)");
    }
}
