package io.ringedge.edge.call.internal;

import io.ringedge.events.Caller;
import io.ringedge.edge.InMemoryDeviceDirectory;
import io.ringedge.edge.call.CallEffect.RespondToPbx;
import io.ringedge.edge.call.internal.WsPhone.SipText;
import io.ringedge.edge.cluster.AttachChannel;
import io.ringedge.edge.cluster.PendingWakes;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AsleepDevice;
import io.ringedge.events.PushHandle;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.locator.redis.RedisLocator;
import io.ringedge.runtime.redis.RedisLink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.ringedge.edge.call.internal.LoopbackEdge.DEVICE_SDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A phone asleep when the PBX calls edge A wakes and attaches on edge B: the real B2BUA on both
 * edges, real Redis for the pending call and the attach signal, real SIP to the PBX and over the
 * phone's WebSocket. (The attach token check before this is RegistrarTest's.)
 */
class WakeAcrossEdgesTest {

    private static EmbeddedRedis redis;
    private static RedisLocator locator;

    private final Map<String, String> nodes = new ConcurrentHashMap<>();
    private final InMemoryDeviceDirectory cluster = new InMemoryDeviceDirectory();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private LoopbackEdge a;
    private LoopbackEdge b;
    private PendingWakes wakesA;
    private PendingWakes wakesB;
    private AttachChannel channelA;
    private AttachChannel channelB;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
        locator = RedisLocator.connect(new LocatorConfig(URI.create(redis.uri()), false, Duration.ofSeconds(1),
                Duration.ofSeconds(5), "test", Duration.ofDays(1), Duration.ofMinutes(1)));
    }

    @AfterAll
    static void stopRedis() {
        locator.close();
        redis.close();
    }

    @BeforeEach
    void start() throws Exception {
        a = new LoopbackEdge("edge-a", cluster, node -> Optional.ofNullable(nodes.get(node)));
        b = new LoopbackEdge("edge-b", cluster, node -> Optional.ofNullable(nodes.get(node)));
        nodes.put("edge-a", a.internalUri());
        nodes.put("edge-b", b.internalUri());
        wakesA = new PendingWakes("edge-a", locator.pendingCalls(), () -> a.b2bua, workers::execute,
                Clock.systemUTC(), LoopbackEdge.RING_TIMEOUT);
        wakesB = new PendingWakes("edge-b", locator.pendingCalls(), () -> b.b2bua, workers::execute,
                Clock.systemUTC(), LoopbackEdge.RING_TIMEOUT);
        channelA = wakesA.listen(RedisLink.Settings.standalone(URI.create(redis.uri()), Duration.ofSeconds(2)));
        channelB = wakesB.listen(RedisLink.Settings.standalone(URI.create(redis.uri()), Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() throws InterruptedException {
        channelA.close();
        channelB.close();
        a.close();
        b.close();
        workers.shutdownNow();
    }

    /** The locator's answer for a call whose only device sleeps, delivered as EdgeService does. */
    private String asleep(String deviceId) throws InterruptedException {
        String callId = a.awaitOffered().callId();
        DevicesLocated located = new DevicesLocated(callId, "tenant-a", "alice", Caller.UNKNOWN, List.of(),
                List.of(new AsleepDevice(deviceId, new PushHandle("apns", "ab12ab12ab12ab12", "ABCDE12345.app.voip"))));
        a.b2bua.devicesLocated(located);
        wakesA.located(located);
        return callId;
    }

    private static String wake(Response response) {
        var h = response.getHeader(RespondToPbx.WAKE_HEADER);
        return h == null ? null : h.toString().substring(h.toString().indexOf(':') + 1).strip();
    }

    @Test
    void phoneWokenOnEdgeBAnswersTheCallHeldOnEdgeA() throws Exception {
        ClientTransaction invite = a.call("UDP");
        String callId = asleep("dev-z");
        Response waking = a.pbx.nextResponse(Request.INVITE);
        assertEquals(180, waking.getStatusCode());
        assertEquals("waking", wake(waking));

        WsPhone phone = b.phone("dev-z");
        long attachedAt = System.nanoTime();
        wakesB.attached(new DeviceAttached(callId, "dev-z", "edge-b"), b.attached("dev-z").flowId(),
                b.attached("dev-z").contact());
        SipText atPhone = phone.next("INVITE");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attachedAt);
        assertTrue(millis < 1000, "attach to INVITE at the phone took " + millis + " ms");
        Response attached = a.pbx.nextResponse(Request.INVITE);
        assertEquals(180, attached.getStatusCode());
        assertEquals("device-attached", wake(attached));

        phone.respond(atPhone, 180, "Ringing", Optional.empty());
        assertEquals(180, a.pbx.nextResponse(Request.INVITE).getStatusCode());
        phone.respond(atPhone, 200, "OK", Optional.of(DEVICE_SDP));
        assertEquals(200, a.pbx.nextResponse(Request.INVITE).getStatusCode());
        a.pbx.ack(invite.getDialog());
        phone.next("ACK");
        a.pbx.bye(invite.getDialog(), "UDP");
        phone.respond(phone.next("BYE"), 200, "OK", Optional.empty());
        assertEquals(200, a.pbx.nextResponse(Request.BYE).getStatusCode());

        a.assertTimeline(callId, "CallOffered", "InviteDelivered(dev-z)", "CallRinging(dev-z)",
                "CallAnswered(dev-z)", "CallEnded(CALLER_HANGUP,200)");
        a.assertRetired();
        b.assertRetired();
    }

    @Test
    void phoneAttachingAfterTheCallerCancelledGetsInviteThenCancel() throws Exception {
        ClientTransaction invite = a.call("UDP");
        String callId = asleep("dev-z");
        assertEquals(180, a.pbx.nextResponse(Request.INVITE).getStatusCode());
        a.pbx.cancel(invite);
        assertEquals(487, a.pbx.nextResponse(Request.INVITE).getStatusCode());

        WsPhone phone = b.phone("dev-z");
        wakesB.attached(new DeviceAttached(callId, "dev-z", "edge-b"), b.attached("dev-z").flowId(),
                b.attached("dev-z").contact());
        SipText atPhone = phone.next("INVITE");
        phone.respond(atPhone, 180, "Ringing", Optional.empty());
        phone.respond(phone.next("CANCEL"), 200, "OK", Optional.empty());
        phone.respond(atPhone, 487, "Request Terminated", Optional.empty());
        phone.next("ACK");

        a.assertTimeline(callId, "CallOffered", "CallCancelled", "CallEnded(CALLER_CANCELLED,487)");
    }
}
