package io.ringedge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.InviteDelivered;
import io.ringedge.events.PushSent;
import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.CallTimeline;
import io.ringedge.testkit.DeviceSettings;
import io.ringedge.testkit.TestDevice;
import io.ringedge.testkit.push.FakeFcm;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippScenarios;
import io.ringedge.testkit.sipp.SippTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.ringedge.e2e.SippCallTest.inviteFinalStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Waking a sleeping phone, the whole way: SIPp as the PBX, the standalone system (edge, locator,
 * push service, embedded Kafka and Redis) with the real Firebase Admin SDK pointed at a local FCM
 * v1 server, and a simulated Android phone that receives the push there, connects over WebSocket,
 * registers with the attach token and answers.
 */
class WakeE2eTest {

    static final int RING_TIMEOUT_SECONDS = 20;
    static final Duration WAIT = Duration.ofSeconds(15);

    static FakeFcm fcm;
    static E2eSystem system;

    @BeforeAll
    static void start() throws Exception {
        fcm = FakeFcm.start();
        system = E2eSystem.start(RING_TIMEOUT_SECONDS, Map.of(
                "push.fcm.project-id", FakeFcm.PROJECT,
                "push.fcm.endpoint", fcm.endpoint().toString()));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (fcm != null) {
            fcm.close();
        }
    }

    @Test
    void asleepAndroidPhoneIsWokenAndAnswers() throws Exception {
        E2eSystem.Line line = system.newLine();
        String deviceId = "android-" + UUID.randomUUID().toString().substring(0, 8);
        String prid = "fcm-token-" + UUID.randomUUID();
        DeviceSettings settings = DeviceSettings.of(system.wsUri(), line.user(), E2eSystem.DOMAIN,
                system.token(line.user(), deviceId)).withContactUriParam("pn-provider", "fcm")
                .withContactUriParam("pn-prid", prid);
        // the phone registers with its push handle, then the OS suspends it: its WebSocket closes
        try (TestDevice awake = TestDevice.connect(settings)) {
            assertEquals(200, awake.register().status());
        }
        Thread.sleep(500); // the edge sees the close and drops the binding; the handle stays

        // SIPp blocks its thread for the whole call: a thread of its own, never the common pool,
        // which the JDK WebSocket client needs while the phone connects (one worker on two cores)
        CompletableFuture<SippResult> pbx = CompletableFuture.supplyAsync(() -> {
            try {
                return system.call(SippScenarios.ANSWER_PBX_BYE, SippTransport.UDP, line.did(),
                        Duration.ofMillis(300), Duration.ofSeconds(RING_TIMEOUT_SECONDS + 10));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread.ofVirtual()::start);

        JsonNode data = awaitPush(prid).message().path("data");
        assertEquals("incoming-call", data.path("type").asText(), data.toString());
        String attachToken = data.path("attachToken").asText();
        try (TestDevice woken = TestDevice.connect(settings)) {
            woken.onInvite(CallBehaviour.answer(Duration.ofMillis(100)));
            var registered = woken.send(woken.registerRequest(600).with("X-Ringedge-Attach-Token", attachToken));
            assertEquals(200, registered.status(), registered.toString());

            SippResult result = pbx.get(WAIT.toSeconds() + RING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertTrue(result.succeeded(), result.describe());
            assertEquals(200, inviteFinalStatus(result), result.describe());
        }

        String callId = data.path("callId").asText();
        CallTimeline timeline = system.timeline(callId);
        List<String> types = timeline.typeNames();
        for (String step : List.of("CallOffered", "DevicesLocated", "PushSent", "DeviceAttached", "InviteDelivered",
                "CallRinging", "CallAnswered", "CallEnded")) {
            assertTrue(types.contains(step), step + " missing: " + timeline);
        }
        // PushSent races the phone (it is published when FCM answers, the phone reacts to the push
        // itself), so only the steps that cause each other are ordered
        assertInOrder(types, "CallOffered", "DevicesLocated", "DeviceAttached", "InviteDelivered", "CallRinging",
                "CallAnswered", "CallEnded");
        assertEquals(deviceId, timeline.first(DeviceAttached.class).orElseThrow().deviceId());
        assertEquals(deviceId, timeline.first(InviteDelivered.class).orElseThrow().deviceId());
        assertEquals("fcm", timeline.first(PushSent.class).orElseThrow().provider());
        assertEquals(1, fcm.receivedFor(prid).size(), "one push per (call, device)");
        assertEquals(List.of(), timeline.duplicateIds());
    }

    /** An Android phone of {@code user} that registered with its FCM handle, then was suspended. */
    record AsleepPhone(String deviceId, String prid, DeviceSettings settings) {
    }

    private static AsleepPhone asleepPhone(E2eSystem.Line line) throws Exception {
        String deviceId = "android-" + UUID.randomUUID().toString().substring(0, 8);
        String prid = "fcm-token-" + UUID.randomUUID();
        DeviceSettings settings = DeviceSettings.of(system.wsUri(), line.user(), E2eSystem.DOMAIN,
                system.token(line.user(), deviceId)).withContactUriParam("pn-provider", "fcm")
                .withContactUriParam("pn-prid", prid);
        try (TestDevice awake = TestDevice.connect(settings)) {
            assertEquals(200, awake.register().status());
        }
        Thread.sleep(500); // the edge sees the close and drops the binding; the handle stays
        return new AsleepPhone(deviceId, prid, settings);
    }

    /** The phone got its push: it connects and registers with the attach token from it. */
    private static TestDevice wake(AsleepPhone phone, String attachToken, CallBehaviour behaviour) throws Exception {
        TestDevice woken = TestDevice.connect(phone.settings());
        woken.onInvite(behaviour);
        var registered = woken.send(woken.registerRequest(600).with("X-Ringedge-Attach-Token", attachToken));
        assertEquals(200, registered.status(), registered.toString());
        return woken;
    }

    private static CompletableFuture<SippResult> pbxCall(String scenario, String did, Duration hold) {
        // SIPp blocks its thread for the whole call: a thread of its own, never the common pool,
        // which the JDK WebSocket client needs while a phone connects (one worker on two cores)
        return CompletableFuture.supplyAsync(() -> {
            try {
                return system.call(scenario, SippTransport.UDP, did, hold, Duration.ofSeconds(RING_TIMEOUT_SECONDS + 10));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread.ofVirtual()::start);
    }

    @Test
    void callerCancelsWhileThePhoneWakes_cancelPushAndLateAttachGetsInviteThenCancel() throws Exception {
        E2eSystem.Line line = system.newLine();
        AsleepPhone phone = asleepPhone(line);

        SippResult pbx = pbxCall(SippScenarios.CANCEL, line.did(), Duration.ofMillis(300)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(pbx.succeeded(), pbx.describe());
        assertEquals(487, inviteFinalStatus(pbx), pbx.describe());
        JsonNode wake = awaitPush(phone.prid(), "incoming-call");
        awaitPush(phone.prid(), "cancelled");

        try (TestDevice late = wake(phone, wake.path("attachToken").asText(), CallBehaviour.ringForever())) {
            assertTrue(late.awaitRequest("INVITE", WAIT) != null);
            assertTrue(late.awaitRequest("CANCEL", WAIT) != null, "RFC 3261 §9.1: INVITE, then CANCEL to close its UI");
        }
        system.awaitEventsFlushed();
        CallTimeline timeline = system.timeline(wake.path("callId").asText());
        assertInOrder(timeline.typeNames(), "CallOffered", "DevicesLocated", "CallCancelled", "CallEnded", "DeviceAttached");
        assertTrue(timeline.typeNames().contains("PushSent"), timeline.toString());
        assertTrue(!timeline.typeNames().contains("CallAnswered"), timeline.toString());
    }

    @Test
    void twoPhonesWoken_oneAnswers_theOtherIsCancelled() throws Exception {
        E2eSystem.Line line = system.newLine();
        AsleepPhone first = asleepPhone(line);
        AsleepPhone second = asleepPhone(line);

        CompletableFuture<SippResult> pbx = pbxCall(SippScenarios.ANSWER_PBX_BYE, line.did(), Duration.ofMillis(300));
        JsonNode wakeFirst = awaitPush(first.prid(), "incoming-call");
        JsonNode wakeSecond = awaitPush(second.prid(), "incoming-call");
        try (TestDevice answering = wake(first, wakeFirst.path("attachToken").asText(), CallBehaviour.answer(Duration.ofMillis(500)));
             TestDevice ringing = wake(second, wakeSecond.path("attachToken").asText(), CallBehaviour.ringForever())) {
            SippResult result = pbx.get(WAIT.toSeconds() + RING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertTrue(result.succeeded(), result.describe());
            assertEquals(200, inviteFinalStatus(result), result.describe());
            assertTrue(ringing.awaitRequest("INVITE", WAIT) != null);
            assertTrue(ringing.awaitRequest("CANCEL", WAIT) != null, "the other phone stops ringing");
            assertTrue(answering.awaitRequest("BYE", WAIT) != null);
        }
        awaitPush(second.prid(), "cancelled");
        CallTimeline timeline = system.timeline(wakeFirst.path("callId").asText());
        assertEquals(first.deviceId(), timeline.first(io.ringedge.events.CallAnswered.class).orElseThrow().deviceId());
        assertEquals(2, timeline.events().stream().filter(DeviceAttached.class::isInstance).count(), timeline.toString());
        assertEquals(List.of(), timeline.duplicateIds());
    }

    private static JsonNode awaitPush(String prid, String type) throws InterruptedException {
        for (int i = 0; i < WAIT.toMillis() / 20; i++) {
            for (FakeFcm.Received r : fcm.receivedFor(prid)) {
                JsonNode data = r.message().path("data");
                if (type.equals(data.path("type").asText())) {
                    return data;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no '" + type + "' push reached the FCM stand-in for " + prid + ": " + fcm.receivedFor(prid));
    }

    private static FakeFcm.Received awaitPush(String prid) throws InterruptedException {
        for (int i = 0; i < WAIT.toMillis() / 20; i++) {
            List<FakeFcm.Received> got = fcm.receivedFor(prid);
            if (!got.isEmpty()) {
                return got.getFirst();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no push reached the FCM stand-in for " + prid + ": " + fcm.received());
    }

    private static void assertInOrder(List<String> types, String... steps) {
        int at = -1;
        for (String step : steps) {
            int next = types.indexOf(step);
            assertTrue(next > at, step + " out of order in " + types);
            at = next;
        }
    }
}
