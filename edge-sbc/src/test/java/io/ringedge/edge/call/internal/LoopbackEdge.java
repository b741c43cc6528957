package io.ringedge.edge.call.internal;

import io.ringedge.events.Caller;
import io.ringedge.edge.connection.ConnectionGate;
import io.ringedge.edge.InMemoryDeviceDirectory;
import io.ringedge.edge.EdgeConfig;
import io.ringedge.edge.call.CallConfig;
import io.ringedge.edge.call.InboundCallMachine;
import io.ringedge.edge.call.MediaAnchor;
import io.ringedge.edge.call.SdpPassThrough;
import io.ringedge.edge.call.internal.WsPhone.SipText;
import io.ringedge.edge.connection.CallLimits;
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
import io.ringedge.events.PushFailed;
import io.ringedge.events.PushSent;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.InviteDelivered;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.locator.Binding;

import javax.sip.ClientTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An edge on loopback for the adapter's tests: its real SIP stack, dispatcher and flow table, the
 * B2BUA adapter, a registrar doing what the real one does with a binding, a jain-sip PBX, and
 * WebSocket phones that register, so the edge reaches them over their own connection through
 * {@link FlowDeviceReach} as in production.
 */
final class LoopbackEdge implements AutoCloseable {

    static final String PBX_SDP = "v=0\r\no=pbx 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 40000 RTP/AVP 0 8\r\n";
    static final String DEVICE_SDP = "v=0\r\no=dev 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 50000 RTP/AVP 0\r\n";
    /** Short enough for a test to wait it out, long enough that no other test's call rings out. */
    static final Duration RING_TIMEOUT = Duration.ofSeconds(3);
    private static final EdgeConfig.Sip SIP = new EdgeConfig.Sip("127.0.0.1", "127.0.0.1", 0, 0, 0, 0,
            Optional.empty(), 8_192, 4);

    final EdgeSipStack stack;
    final SipPeer pbx;
    final String nodeId;
    final InMemoryDeviceDirectory directory;
    final RecordingPublisher events = new RecordingPublisher();
    final B2bua b2bua;
    private final List<WsPhone> phones = new ArrayList<>();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final CallRegistry registry = new CallRegistry();

    LoopbackEdge() throws Exception {
        this("edge-t", new InMemoryDeviceDirectory(), node -> Optional.empty());
    }

    /** An edge whose PBX trunk has these call limits, refusing calls past {@code maxCallsInSetup} unlocated ones. */
    LoopbackEdge(CallLimits trunkLimits, int maxCallsInSetup) throws Exception {
        this("edge-t", new InMemoryDeviceDirectory(), node -> Optional.empty(), new SdpPassThrough(), trunkLimits,
                maxCallsInSetup);
    }

    /**
     * @param directory the cluster's bindings, shared by edges in one test
     * @param edgeNodes other edges' internal URIs by node id
     */
    LoopbackEdge(String nodeId, InMemoryDeviceDirectory directory, Function<String, Optional<String>> edgeNodes)
            throws Exception {
        this(nodeId, directory, edgeNodes, new SdpPassThrough());
    }

    /** An edge anchoring media through {@code media} (a worker-backed anchor in the media tests). */
    LoopbackEdge(String nodeId, InMemoryDeviceDirectory directory, Function<String, Optional<String>> edgeNodes,
                 MediaAnchor media) throws Exception {
        this(nodeId, directory, edgeNodes, media, CallLimits.NONE, 1_000);
    }

    private LoopbackEdge(String nodeId, InMemoryDeviceDirectory directory, Function<String, Optional<String>> edgeNodes,
                         MediaAnchor media, CallLimits trunkLimits, int maxCallsInSetup) throws Exception {
        this.nodeId = nodeId;
        this.directory = directory;
        FlowTable flows = new FlowTable();
        RejectCounters counters = new RejectCounters();
        stack = EdgeSipStack.start(nodeId, SIP, flows, counters);
        FlowDeviceReach reach = new FlowDeviceReach(nodeId, stack, flows, directory, edgeNodes);
        CallRuntime runtime = new CallRuntime(new InboundCallMachine(new CallConfig(RING_TIMEOUT,
                Duration.ofSeconds(2))), Clock.systemUTC(), workers, timers, events, media,
                new SipMessages(stack.messages(), stack.headers(), stack.addresses()),
                reach, registry, Duration.ofSeconds(1));
        Responder responder = new Responder(stack.messages());
        b2bua = new B2bua(nodeId, runtime, reach, responder);
        flows.onClose(b2bua::flowClosed);
        ConnectionTable connections = new ConnectionTable(List.of(new Connection("trunk-a", "tenant-a",
                List.of(Cidr.parse("127.0.0.1/32")), List.of(new DidRoute(DidPattern.parse("+1555123*"), "alice")),
                trunkLimits)));
        stack.setListener(new SipDispatcher(stack, flows, connections, new ConnectionGate(maxCallsInSetup),
                registrar(flows, responder), b2bua,
                counters, SIP.maxMessageSize()));
        pbx = new SipPeer("pbx");
    }

    /** This edge's internal listener, as the node registry publishes it. */
    String internalUri() {
        return "sip:127.0.0.1:" + stack.port(Ingress.INTERNAL) + ";transport=tcp";
    }

    @Override
    public void close() throws InterruptedException {
        pbx.close();
        phones.forEach(WsPhone::close);
        stack.close();
        timers.shutdownNow();
        workers.shutdownNow();
        assertTrue(workers.awaitTermination(5, TimeUnit.SECONDS));
    }

    /** What the registrar does with a device's REGISTER: bind it, pin its Contact to its flow, 200. */
    private RegistrationHandler registrar(FlowTable flows, Responder responder) {
        return in -> {
            SipURI contact = (SipURI) ((ContactHeader) in.request().getHeader(ContactHeader.NAME)).getAddress().getURI();
            Flow flow = in.flow().orElseThrow();
            flows.pin(contact, flow.id());
            directory.bind(new Binding("tenant-a", "alice", contact.getUser(), nodeId, flow.id().value(),
                    contact.toString(), Optional.empty()), Duration.ofMinutes(10));
            responder.reply(in, 200, "OK");
        };
    }

    WsPhone phone(String user) throws Exception {
        WsPhone phone = new WsPhone(stack.port(Ingress.WS), user);
        phones.add(phone);
        assertEquals(200, phone.register());
        return phone;
    }

    /** The PBX sends an INVITE; the edge answers 100 at once. */
    ClientTransaction call(String transport) throws Exception {
        return call(transport, PBX_SDP);
    }

    /** As above, with the PBX's own SDP offer. */
    ClientTransaction call(String transport, String offer) throws Exception {
        ClientTransaction invite = invite(transport, offer);
        assertEquals(100, pbx.nextResponse().getStatusCode(), "100 Trying at once");
        return invite;
    }

    /** The PBX sends an INVITE; what the edge answers is the test's to read. */
    ClientTransaction invite(String transport, String offer) throws Exception {
        Ingress ingress = transport.equals("UDP") ? Ingress.UDP : Ingress.TCP;
        String target = "sip:+15551230001@127.0.0.1:" + stack.port(ingress) + ";transport=" + transport.toLowerCase();
        return pbx.invite(target, transport, "Alice", "+15550001111", offer);
    }

    /** A call {@code phone} answered without ringing, its answer relayed to the PBX. */
    record AnsweredCall(WsPhone phone, ClientTransaction invite, String callId, SipText atPhone) {
    }

    /**
     * The PBX calls over UDP, the locator finds {@code phone} (registered on this edge or another),
     * which answers at once; the PBX gets the 200.
     */
    AnsweredCall answeredAtOnce(WsPhone phone) throws Exception {
        ClientTransaction invite = call("UDP");
        String callId = located(phone.user);
        SipText atPhone = phone.next("INVITE");
        phone.respond(atPhone, 200, "OK", Optional.of(DEVICE_SDP));
        assertEquals(200, pbx.nextResponse(Request.INVITE).getStatusCode());
        return new AnsweredCall(phone, invite, callId, atPhone);
    }

    /** Plays the device-locator: answers the call's CallOffered with these registered devices. */
    String located(String... deviceIds) throws InterruptedException {
        CallOffered offered = awaitOffered();
        assertEquals("alice", offered.userId());
        assertEquals("tenant-a", offered.tenantId());
        assertEquals("+15550001111", offered.caller().number());
        List<AttachedDevice> attached = new ArrayList<>();
        for (String id : deviceIds) {
            attached.add(attached(id));
        }
        b2bua.devicesLocated(new DevicesLocated(offered.callId(), "tenant-a", "alice", Caller.UNKNOWN, attached, List.of()));
        return offered.callId();
    }

    AttachedDevice attached(String deviceId) {
        Binding binding = directory.bindings("tenant-a", "alice").stream()
                .filter(b -> b.deviceId().equals(deviceId)).findFirst().orElseThrow();
        return new AttachedDevice(deviceId, binding.edgeNode(), binding.flowId(), binding.contact());
    }

    CallOffered awaitOffered() throws InterruptedException {
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

    void assertTimeline(String callId, String... expected) throws InterruptedException {
        List<String> seen = List.of();
        for (int i = 0; i < 300; i++) {
            seen = events.of(callId).stream().map(LoopbackEdge::shape).toList();
            if (seen.size() >= expected.length) {
                break;
            }
            Thread.sleep(10);
        }
        assertEquals(List.of(expected), seen);
    }

    /** Ended calls leave the registry once their legs settled and the linger passed: nothing leaks. */
    void assertRetired() throws InterruptedException {
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
            case PushSent p -> "PushSent(" + p.deviceId() + ")";
            case PushFailed p -> "PushFailed(" + p.deviceId() + ")";
            case DeviceAttached a -> "DeviceAttached(" + a.deviceId() + ")";
            case InviteDelivered d -> "InviteDelivered(" + d.deviceId() + ")";
        };
    }

    /** Nothing of the PBX's leg reaches the device: Call-ID, tags, Via and Contact are the edge's own. */
    void assertTopologyHidden(Request fromPbx, SipText atPhone) {
        String pbxCallId = ((CallIdHeader) fromPbx.getHeader(CallIdHeader.NAME)).getCallId();
        assertNotEquals(pbxCallId, atPhone.header("call-id"));
        String pbxFromTag = ((FromHeader) fromPbx.getHeader(FromHeader.NAME)).getTag();
        assertFalse(atPhone.header("from").contains(pbxFromTag));
        assertTrue(atPhone.header("from").startsWith("\"Alice\" <sip:+15550001111@127.0.0.1"),
                atPhone.header("from"));
        assertEquals(1, atPhone.all("via").size(), "only the edge's Via");
        assertTrue(atPhone.header("via").startsWith("SIP/2.0/WS 127.0.0.1:" + stack.port(Ingress.WS)),
                atPhone.header("via"));
        assertTrue(atPhone.header("contact").contains("127.0.0.1:" + stack.port(Ingress.WS)));
        String headers = atPhone.headers().toString();
        for (String transport : List.of("UDP", "TCP")) {
            String pbxAddress = "127.0.0.1:" + pbx.provider(transport).getListeningPoint().getPort();
            assertFalse(headers.contains(pbxAddress), "PBX address " + pbxAddress + " leaked: " + headers);
        }
        assertFalse(headers.contains(pbxCallId));
    }

    static String headersOf(javax.sip.message.Message message) {
        String text = message.toString();
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? text : text.substring(0, end);
    }
}
