package io.ringedge.edge.call.internal;

import io.ringedge.edge.EdgeConfig;
import io.ringedge.edge.call.CallConfig;
import io.ringedge.edge.call.InboundCallMachine;
import io.ringedge.edge.call.SdpPassThrough;
import io.ringedge.edge.call.internal.WsPhone.SipText;
import io.ringedge.edge.connection.Cidr;
import io.ringedge.edge.connection.Connection;
import io.ringedge.edge.connection.ConnectionTable;
import io.ringedge.edge.connection.DidPattern;
import io.ringedge.edge.connection.DidRoute;
import io.ringedge.edge.sip.EdgeSipStack;
import io.ringedge.edge.sip.Ingress;
import io.ringedge.edge.sip.RegistrationHandler;
import io.ringedge.edge.sip.RejectCounters;
import io.ringedge.edge.sip.Responder;
import io.ringedge.edge.sip.SipDispatcher;
import io.ringedge.edge.sip.ws.Flow;
import io.ringedge.edge.sip.ws.FlowTable;
import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallCancelled;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEvent;
import io.ringedge.events.CallOffered;
import io.ringedge.events.CallRinging;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.locator.Binding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sip.ClientTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adapter between real stacks on loopback: a jain-sip PBX calls the edge (its real stack,
 * dispatcher and flow table) over UDP or TCP; devices are WebSocket phones that registered, so
 * the edge reaches them over their own connection through {@link FlowDeviceReach}, as in
 * production. Checks what each side sees on the wire and the call's published timeline.
 *
 * <p>Calls in which the edge must open a new TCP connection to the PBX (its BYE to the PBX's
 * Contact) use UDP: in jain-sip-ri 1.3.0-91 the NIO processors drop a freshly opened outgoing
 * socket from their table ({@code NIOHandler.openOutgoingConnection} never sets {@code connected},
 * RestComm/jain-sip#188) and the first write then races the channel's registration
 * (usnistgov/jsip#77), so that BYE is lost. The fix belongs in the edge's SIP stack.
 */
class B2buaLoopbackTest {

    private static final EdgeConfig.Sip SIP = new EdgeConfig.Sip("127.0.0.1", "127.0.0.1", 0, 0, 0, 0,
            Optional.empty(), 8_192, 4);
    private static final String PBX_SDP = "v=0\r\no=pbx 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 40000 RTP/AVP 0 8\r\n";
    private static final String DEVICE_SDP = "v=0\r\no=dev 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 50000 RTP/AVP 0\r\n";
    private static final Duration RING_TIMEOUT = Duration.ofSeconds(3);

    private EdgeSipStack edge;
    private SipPeer pbx;
    private final List<WsPhone> phones = new ArrayList<>();
    private final MemoryDirectory directory = new MemoryDirectory();
    private final RecordingPublisher events = new RecordingPublisher();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private CallRegistry registry;
    private B2bua b2bua;

    @BeforeEach
    void start() throws Exception {
        FlowTable flows = new FlowTable();
        RejectCounters counters = new RejectCounters();
        edge = EdgeSipStack.start("edge-t", SIP, flows, counters);
        registry = new CallRegistry();
        CallRuntime runtime = new CallRuntime(new InboundCallMachine(new CallConfig(RING_TIMEOUT,
                Duration.ofSeconds(2))), Clock.systemUTC(), workers, timers, events, new SdpPassThrough(),
                new SipMessages(edge.messages(), edge.headers(), edge.addresses()),
                new FlowDeviceReach("edge-t", edge, flows, directory), registry, Duration.ofMillis(200));
        Responder responder = new Responder(edge.messages());
        b2bua = new B2bua("edge-t", runtime, responder);
        ConnectionTable connections = new ConnectionTable(List.of(new Connection("trunk-a", "tenant-a",
                List.of(Cidr.parse("127.0.0.1/32")), List.of(new DidRoute(DidPattern.parse("+1555123*"), "alice")))));
        edge.setListener(new SipDispatcher(edge, flows, connections, registrar(flows, responder), b2bua,
                counters, SIP.maxMessageSize()));
        pbx = new SipPeer("pbx");
    }

    /** What the registrar does with a device's REGISTER: bind it, pin its Contact to its flow, 200. */
    private RegistrationHandler registrar(FlowTable flows, Responder responder) {
        return in -> {
            SipURI contact = (SipURI) ((ContactHeader) in.request().getHeader(ContactHeader.NAME)).getAddress().getURI();
            Flow flow = in.flow().orElseThrow();
            flows.pin(contact, flow.id());
            directory.bind(new Binding("tenant-a", "alice", contact.getUser(), "edge-t", flow.id().value(),
                    contact.toString(), Optional.empty()), Duration.ofMinutes(10));
            responder.reply(in, 200, "OK");
        };
    }

    @AfterEach
    void stop() throws InterruptedException {
        pbx.close();
        phones.forEach(WsPhone::close);
        edge.close();
        timers.shutdownNow();
        workers.shutdownNow();
        assertTrue(workers.awaitTermination(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void answeredCall_callerHangsUp(String transport) throws Exception {
        WsPhone phone = phone("dev-a");
        ClientTransaction invite = call(transport);
        String callId = located("dev-a");

        SipText atPhone = phone.next("INVITE");
        assertTopologyHidden(invite.getRequest(), atPhone);
        assertEquals(PBX_SDP, atPhone.body(), "SDP relayed unchanged");

        phone.respond(atPhone, 180, "Ringing", Optional.empty());
        assertEquals(180, pbx.nextResponse(Request.INVITE).getStatusCode());
        phone.respond(atPhone, 200, "OK", Optional.of(DEVICE_SDP));
        Response ok = pbx.nextResponse(Request.INVITE);
        assertEquals(200, ok.getStatusCode());
        assertEquals(DEVICE_SDP, SipPeer.body(ok));
        String okHeaders = headersOf(ok);
        assertFalse(okHeaders.contains(atPhone.header("call-id")), "the PBX never sees the device leg");
        assertFalse(okHeaders.contains(".invalid"), "nor the device's Contact");

        pbx.ack(invite.getDialog());
        phone.next("ACK");
        pbx.bye(invite.getDialog(), transport);
        phone.respond(phone.next("BYE"), 200, "OK", Optional.empty());
        assertEquals(200, pbx.nextResponse(Request.BYE).getStatusCode());

        assertTimeline(callId, "CallOffered", "CallRinging(dev-a)", "CallAnswered(dev-a)",
                "CallEnded(CALLER_HANGUP,200)");
        assertRetired();
    }

    @Test
    void answeredCall_deviceHangsUp() throws Exception {
        WsPhone phone = phone("dev-a");
        ClientTransaction invite = call("UDP");
        String callId = located("dev-a");

        SipText atPhone = phone.next("INVITE");
        phone.respond(atPhone, 200, "OK", Optional.of(DEVICE_SDP));
        assertEquals(200, pbx.nextResponse(Request.INVITE).getStatusCode());
        pbx.ack(invite.getDialog());
        phone.next("ACK");

        phone.bye(atPhone);
        pbx.respond(pbx.nextRequest(Request.BYE), null, 200, Optional.empty());
        assertEquals(200, phone.next("BYE").status());

        assertTimeline(callId, "CallOffered", "CallAnswered(dev-a)", "CallEnded(CALLEE_HANGUP,200)");
        assertRetired();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void callerCancelsWhileTheDeviceRings(String transport) throws Exception {
        WsPhone phone = phone("dev-a");
        ClientTransaction invite = call(transport);
        String callId = located("dev-a");
        SipText atPhone = phone.next("INVITE");
        phone.respond(atPhone, 180, "Ringing", Optional.empty());
        assertEquals(180, pbx.nextResponse(Request.INVITE).getStatusCode());

        pbx.cancel(invite);
        assertEquals(487, pbx.nextResponse(Request.INVITE).getStatusCode());
        SipText cancel = phone.next("CANCEL");
        phone.respond(cancel, 200, "OK", Optional.empty());
        phone.respond(atPhone, 487, "Request Terminated", Optional.empty());
        phone.next("ACK"); // the edge's transaction ACKs the 487 (RFC 3261 §17.1.1.3)

        assertTimeline(callId, "CallOffered", "CallRinging(dev-a)", "CallCancelled",
                "CallEnded(CALLER_CANCELLED,487)");
        assertRetired();
    }

    @Test
    void busyDevice() throws Exception {
        WsPhone phone = phone("dev-a");
        call("TCP");
        String callId = located("dev-a");
        phone.respond(phone.next("INVITE"), 486, "Busy Here", Optional.empty());

        assertEquals(486, pbx.nextResponse(Request.INVITE).getStatusCode());
        assertTimeline(callId, "CallOffered", "CallEnded(BUSY,486)");
        assertRetired();
    }

    @Test
    void noAnswerWithinTheRingTimeout() throws Exception {
        WsPhone phone = phone("dev-a");
        call("UDP");
        String callId = located("dev-a");
        SipText atPhone = phone.next("INVITE");
        phone.respond(atPhone, 180, "Ringing", Optional.empty());
        assertEquals(180, pbx.nextResponse(Request.INVITE).getStatusCode());

        assertEquals(480, pbx.nextResponse(Request.INVITE).getStatusCode());
        phone.respond(phone.next("CANCEL"), 200, "OK", Optional.empty());
        phone.respond(atPhone, 487, "Request Terminated", Optional.empty());

        assertTimeline(callId, "CallOffered", "CallRinging(dev-a)", "CallEnded(NO_ANSWER,480)");
        assertRetired();
    }

    @Test
    void forkToTwoDevices_theOtherIsCancelled() throws Exception {
        WsPhone a = phone("dev-a");
        WsPhone b = phone("dev-b");
        ClientTransaction invite = call("TCP");
        String callId = located("dev-a", "dev-b");
        SipText atA = a.next("INVITE");
        SipText atB = b.next("INVITE");
        assertNotEquals(atA.header("call-id"), atB.header("call-id"), "each fork is its own leg");
        a.respond(atA, 180, "Ringing", Optional.empty());
        assertEquals(180, pbx.nextResponse(Request.INVITE).getStatusCode());
        b.respond(atB, 180, "Ringing", Optional.empty());

        b.respond(atB, 200, "OK", Optional.of(DEVICE_SDP));
        assertEquals(200, pbx.nextResponse(Request.INVITE).getStatusCode());
        a.respond(a.next("CANCEL"), 200, "OK", Optional.empty());
        a.respond(atA, 487, "Request Terminated", Optional.empty());
        pbx.ack(invite.getDialog());
        b.next("ACK");
        pbx.bye(invite.getDialog(), "TCP");
        b.respond(b.next("BYE"), 200, "OK", Optional.empty());
        assertEquals(200, pbx.nextResponse(Request.BYE).getStatusCode());

        assertTimeline(callId, "CallOffered", "CallRinging(dev-a)", "CallAnswered(dev-b)",
                "CallEnded(CALLER_HANGUP,200)");
        assertRetired();
    }

    @Test
    void bothDevicesAnswerAtOnce_theLoserIsAckedAndReleased() throws Exception {
        WsPhone a = phone("dev-a");
        WsPhone b = phone("dev-b");
        ClientTransaction invite = call("UDP");
        String callId = located("dev-a", "dev-b");
        SipText atA = a.next("INVITE");
        SipText atB = b.next("INVITE");
        a.respond(atA, 180, "Ringing", Optional.empty());
        assertEquals(180, pbx.nextResponse(Request.INVITE).getStatusCode());
        b.respond(atB, 180, "Ringing", Optional.empty());
        a.respond(atA, 200, "OK", Optional.of(DEVICE_SDP));
        b.respond(atB, 200, "OK", Optional.of(DEVICE_SDP));

        assertEquals(200, pbx.nextResponse(Request.INVITE).getStatusCode(), "the PBX sees one answer");
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

        pbx.ack(invite.getDialog());
        winner.next("ACK");
        pbx.bye(invite.getDialog(), "UDP");
        winner.respond(winner.next("BYE"), 200, "OK", Optional.empty());
        assertEquals(200, pbx.nextResponse(Request.BYE).getStatusCode());
        assertEquals(Optional.empty(), pbx.responses.stream().findAny().map(e -> e.getResponse().getStatusCode()),
                "no second 200 reached the PBX");

        assertTimeline(callId, "CallOffered", "CallRinging(dev-a)", "CallAnswered(" + winnerId + ")",
                "CallEnded(CALLER_HANGUP,200)");
        assertRetired();
    }

    private String answeredBy(String callId) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Optional<String> device = events.of(callId).stream().filter(CallAnswered.class::isInstance)
                    .map(e -> ((CallAnswered) e).deviceId()).findFirst();
            if (device.isPresent()) {
                return device.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no CallAnswered");
    }

    @Test
    void noDevices() throws Exception {
        call("UDP");
        String callId = located();

        assertEquals(480, pbx.nextResponse(Request.INVITE).getStatusCode());
        assertTimeline(callId, "CallOffered", "CallEnded(NO_DEVICES,480)");
        assertRetired();
    }

    @Test
    void deviceWhoseFlowIsGoneFailsItsFork() throws Exception {
        call("UDP");
        CallOffered offered = awaitOffered();
        b2bua.devicesLocated(new DevicesLocated(offered.callId(), "tenant-a", "alice",
                List.of(new AttachedDevice("dev-gone", "edge-t", "abcdef")), List.of()));

        assertEquals(480, pbx.nextResponse(Request.INVITE).getStatusCode());
        assertTimeline(offered.callId(), "CallOffered", "CallEnded(FAILED,480)");
        assertRetired();
    }

    @Test
    void byeForAnUnknownCallIs481() throws Exception {
        ClientTransaction invite = call("UDP");
        located();
        assertEquals(480, pbx.nextResponse(Request.INVITE).getStatusCode());
        assertRetired();

        Request bye = invite.getRequest();
        Request stray = pbx.messages.createRequest(bye.getRequestURI(), Request.BYE,
                (CallIdHeader) bye.getHeader(CallIdHeader.NAME), pbx.headers.createCSeqHeader(2L, Request.BYE),
                (FromHeader) bye.getHeader(FromHeader.NAME),
                pbx.headers.createToHeader(((javax.sip.header.ToHeader) bye.getHeader("To")).getAddress(), "gone"),
                List.of(pbx.headers.createViaHeader("127.0.0.1", pbx.udp.getListeningPoint().getPort(), "UDP", null)),
                pbx.headers.createMaxForwardsHeader(70));
        pbx.udp.getNewClientTransaction(stray).sendRequest();
        assertEquals(481, pbx.nextResponse(Request.BYE).getStatusCode());
    }

    private WsPhone phone(String user) throws Exception {
        WsPhone phone = new WsPhone(edge.port(Ingress.WS), user);
        phones.add(phone);
        assertEquals(200, phone.register());
        return phone;
    }

    /** The PBX sends an INVITE; the edge answers 100 at once. */
    private ClientTransaction call(String transport) throws Exception {
        Ingress ingress = transport.equals("UDP") ? Ingress.UDP : Ingress.TCP;
        String target = "sip:+15551230001@127.0.0.1:" + edge.port(ingress) + ";transport=" + transport.toLowerCase();
        ClientTransaction invite = pbx.invite(target, transport, "Alice", "+15550001111", PBX_SDP);
        assertEquals(100, pbx.nextResponse(Request.INVITE).getStatusCode());
        return invite;
    }

    /** Plays the device-locator: answers the call's CallOffered with these registered devices. */
    private String located(String... deviceIds) throws InterruptedException {
        CallOffered offered = awaitOffered();
        assertEquals("alice", offered.userId());
        assertEquals("tenant-a", offered.tenantId());
        assertEquals("+15550001111", offered.caller().number());
        List<AttachedDevice> attached = new ArrayList<>();
        for (String id : deviceIds) {
            Binding binding = directory.bindings("tenant-a", "alice").stream()
                    .filter(b -> b.deviceId().equals(id)).findFirst().orElseThrow();
            attached.add(new AttachedDevice(id, binding.edgeNode(), binding.flowId()));
        }
        b2bua.devicesLocated(new DevicesLocated(offered.callId(), "tenant-a", "alice", attached, List.of()));
        return offered.callId();
    }

    private CallOffered awaitOffered() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<CallOffered> offered = events.all().stream().filter(CallOffered.class::isInstance)
                    .map(CallOffered.class::cast).findFirst();
            if (offered.isPresent()) {
                return offered.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no CallOffered published");
    }

    private void assertTimeline(String callId, String... expected) throws InterruptedException {
        List<String> seen = List.of();
        for (int i = 0; i < 300; i++) {
            seen = events.of(callId).stream().map(B2buaLoopbackTest::shape).toList();
            if (seen.size() >= expected.length) {
                break;
            }
            Thread.sleep(10);
        }
        assertEquals(List.of(expected), seen);
    }

    /** Ended calls leave the registry once their legs settled and the linger passed: nothing leaks. */
    private void assertRetired() throws InterruptedException {
        for (int i = 0; i < 500 && registry.size() > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, registry.size(), "held calls after the call ended");
    }

    private static String shape(CallEvent event) {
        return switch (event) {
            case CallRinging r -> "CallRinging(" + r.deviceId() + ")";
            case CallAnswered a -> "CallAnswered(" + a.deviceId() + ")";
            case CallEnded e -> "CallEnded(" + e.cause() + "," + e.sipStatus() + ")";
            case CallCancelled c -> "CallCancelled";
            case CallOffered o -> "CallOffered";
            case DevicesLocated d -> "DevicesLocated";
        };
    }

    /** Nothing of the PBX's leg reaches the device: Call-ID, tags, Via and Contact are the edge's own. */
    private void assertTopologyHidden(Request fromPbx, SipText atPhone) {
        String pbxCallId = ((CallIdHeader) fromPbx.getHeader(CallIdHeader.NAME)).getCallId();
        assertNotEquals(pbxCallId, atPhone.header("call-id"));
        String pbxFromTag = ((FromHeader) fromPbx.getHeader(FromHeader.NAME)).getTag();
        assertFalse(atPhone.header("from").contains(pbxFromTag));
        assertTrue(atPhone.header("from").startsWith("\"Alice\" <sip:+15550001111@127.0.0.1"),
                atPhone.header("from"));
        assertEquals(1, atPhone.all("via").size(), "only the edge's Via");
        assertTrue(atPhone.header("via").startsWith("SIP/2.0/WS 127.0.0.1:" + edge.port(Ingress.WS)),
                atPhone.header("via"));
        assertTrue(atPhone.header("contact").contains("127.0.0.1:" + edge.port(Ingress.WS)));
        String headers = atPhone.headers().toString();
        for (String transport : List.of("UDP", "TCP")) {
            String pbxAddress = "127.0.0.1:" + pbx.provider(transport).getListeningPoint().getPort();
            assertFalse(headers.contains(pbxAddress), "PBX address " + pbxAddress + " leaked: " + headers);
        }
        assertFalse(headers.contains(pbxCallId));
    }

    private static String headersOf(javax.sip.message.Message message) {
        String text = message.toString();
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? text : text.substring(0, end);
    }
}
