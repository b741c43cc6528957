package io.ringedge.edge.call.internal;

import io.ringedge.events.Caller;
import io.ringedge.edge.EdgeFixture;
import io.ringedge.edge.call.CallConfig;
import io.ringedge.edge.call.SdpPassThrough;
import io.ringedge.edge.call.internal.WsPhone.SipText;
import io.ringedge.edge.sip.Ingress;
import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEvent;
import io.ringedge.events.CallOffered;
import io.ringedge.events.CallRinging;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.locator.Binding;
import io.ringedge.locator.DeviceDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.ringedge.edge.call.internal.LoopbackEdge.DEVICE_SDP;
import static io.ringedge.edge.call.internal.LoopbackEdge.PBX_SDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adapter as the edge wires it ({@code Edge.CallSide} → {@link B2bua#create}) next to the real
 * registrar: a phone registers over WebSocket with a bearer token, the PBX calls its user, and the
 * call reaches the phone through the binding the registrar stored.
 */
class EdgeCallTest {

    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private EdgeFixture fixture;
    private B2bua b2bua;
    private SipPeer pbx;
    private WsPhone phone;

    @BeforeEach
    void start() throws Exception {
        fixture = new EdgeFixture("edge-w", (stack, flows, responder) -> b2bua = B2bua.create("edge-w", stack, flows,
                responder, new FixtureDirectory(), node -> Optional.empty(), event -> fixture.events.publish(event),
                new SdpPassThrough(),
                CallConfig.DEFAULTS, Clock.systemUTC(), workers, timers));
        pbx = new SipPeer("pbx");
    }

    @AfterEach
    void stop() throws InterruptedException {
        pbx.close();
        if (phone != null) {
            phone.close();
        }
        fixture.close();
        timers.shutdownNow();
        workers.shutdownNow();
        assertTrue(workers.awaitTermination(5, TimeUnit.SECONDS));
    }

    /** The fixture's directory, reached once the fixture exists (the call side is built inside its constructor). */
    private final class FixtureDirectory implements DeviceDirectory {
        @Override
        public List<Binding> bind(Binding binding, Duration expires) {
            return fixture.directory.bind(binding, expires);
        }

        @Override
        public Optional<Binding> unbind(String tenantId, String userId, String deviceId) {
            return fixture.directory.unbind(tenantId, userId, deviceId);
        }

        @Override
        public List<Binding> unbindFlow(String edgeNode, String flowId) {
            return fixture.directory.unbindFlow(edgeNode, flowId);
        }

        @Override
        public List<Binding> bindings(String tenantId, String userId) {
            return fixture.directory.bindings(tenantId, userId);
        }
    }

    @Test
    void registeredPhoneReceivesAndAnswersAPbxCall() throws Exception {
        phone = new WsPhone(fixture.edge.sip().port(Ingress.WS), "alice");
        assertEquals(200, phone.register(Optional.of(fixture.token("tenant-a", "alice", "phone-1"))));

        String target = "sip:+15551230001@127.0.0.1:" + fixture.edge.sip().port(Ingress.UDP) + ";transport=udp";
        ClientTransaction invite = pbx.invite(target, "UDP", "Alice", "+15550001111", PBX_SDP);
        assertEquals(100, pbx.nextResponse().getStatusCode(), "100 Trying at once");
        CallOffered offered = awaitOffered();
        Binding binding = fixture.directory.bindings("tenant-a", "alice").getFirst();
        b2bua.devicesLocated(new DevicesLocated(offered.callId(), "tenant-a", "alice", Caller.UNKNOWN,
                List.of(new AttachedDevice(binding.deviceId(), binding.edgeNode(), binding.flowId(), "")), List.of()));

        SipText atPhone = phone.next("INVITE");
        assertEquals(PBX_SDP, atPhone.body());
        phone.respond(atPhone, 180, "Ringing", Optional.empty());
        assertEquals(180, pbx.nextResponse(Request.INVITE).getStatusCode());
        phone.respond(atPhone, 200, "OK", Optional.of(DEVICE_SDP));
        assertEquals(200, pbx.nextResponse(Request.INVITE).getStatusCode());
        pbx.ack(invite.getDialog());
        phone.next("ACK");
        pbx.bye(invite.getDialog(), "UDP");
        phone.respond(phone.next("BYE"), 200, "OK", Optional.empty());
        assertEquals(200, pbx.nextResponse(Request.BYE).getStatusCode());

        assertEquals(List.of("CallOffered", "CallRinging(phone-1)", "CallAnswered(phone-1)",
                "CallEnded(CALLER_HANGUP,200)"), timeline(offered.callId(), 4));
    }

    private CallOffered awaitOffered() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Optional<CallOffered> offered = fixture.events.events.stream().filter(CallOffered.class::isInstance)
                    .map(CallOffered.class::cast).findFirst();
            if (offered.isPresent()) {
                return offered.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no CallOffered published");
    }

    private List<String> timeline(String callId, int expected) throws InterruptedException {
        List<String> seen = List.of();
        for (int i = 0; i < 300 && seen.size() < expected; i++) {
            seen = fixture.events.events.stream().filter(CallEvent.class::isInstance).map(CallEvent.class::cast)
                    .filter(e -> e.callId().equals(callId)).map(EdgeCallTest::shape).toList();
            Thread.sleep(10);
        }
        return seen;
    }

    private static String shape(CallEvent event) {
        return switch (event) {
            case CallRinging r -> "CallRinging(" + r.deviceId() + ")";
            case CallAnswered a -> "CallAnswered(" + a.deviceId() + ")";
            case CallEnded e -> "CallEnded(" + e.cause() + "," + e.sipStatus() + ")";
            default -> event.getClass().getSimpleName();
        };
    }
}
