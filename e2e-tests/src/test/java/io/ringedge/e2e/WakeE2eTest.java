package io.ringedge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.InviteDelivered;
import io.ringedge.events.PushFailed;
import io.ringedge.events.PushSent;
import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.CallTimeline;
import io.ringedge.testkit.DeviceSettings;
import io.ringedge.testkit.TestDevice;
import io.ringedge.testkit.push.FakeFcm;
import io.ringedge.testkit.push.MockApns;
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
    static MockApns apns;
    static E2eSystem system;
    /** A second edge node sharing the system's Kafka and Redis, as in {@link TwoEdgeTest}. */
    static io.ringedge.edge.EdgeService edgeB;

    @BeforeAll
    static void start() throws Exception {
        fcm = FakeFcm.start();
        apns = MockApns.start();
        java.nio.file.Path apnsCa = java.nio.file.Files.createTempFile("mock-apns-", ".pem");
        java.nio.file.Files.writeString(apnsCa, apns.certificatePem());
        apnsCa.toFile().deleteOnExit();
        system = E2eSystem.start(RING_TIMEOUT_SECONDS, Map.of(
                "push.apns.environment", "127.0.0.1:" + apns.port(),
                "push.apns.team-id", MockApns.TEAM_ID,
                "push.apns.key-id", MockApns.KEY_ID,
                "push.apns.key-secret", apns.signingKeyPem(),
                "push.apns.trusted-certificate-file", apnsCa.toString(),
                "push.fcm.project-id", FakeFcm.PROJECT,
                "push.fcm.endpoint", fcm.endpoint().toString(),
                // the push service gives up retrying when the edge gives up ringing
                "push.ring-timeout", "PT" + RING_TIMEOUT_SECONDS + "S"));
        startEdgeB();
    }

    private static void startEdgeB() throws Exception {
        java.nio.file.Path file = system.dir().resolve("edge-2.yaml");
        java.nio.file.Files.writeString(file, E2eSystem.connectionsYaml("edge-2"));
        Map<String, String> overrides = new java.util.LinkedHashMap<>(E2eSystem.overrides(system.dir(), RING_TIMEOUT_SECONDS));
        overrides.put("kafka.bootstrap-servers", system.bootstrapServers());
        overrides.put("redis.uri", system.standalone().config().get("redis.uri").asString().get());
        edgeB = io.ringedge.edge.EdgeService.start(io.ringedge.runtime.ConfigLoader.load("ringedge-defaults.yaml",
                java.util.Optional.of(file), overrides));
        assertTrue(edgeB.awaitReady(Duration.ofSeconds(30)), "edge-2 consumes the locator's answers");
    }

    @AfterAll
    static void stop() {
        if (edgeB != null) {
            edgeB.close();
        }
        if (system != null) {
            system.close();
        }
        if (fcm != null) {
            fcm.close();
        }
        if (apns != null) {
            try {
                apns.close();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void asleepAndroidPhoneIsWokenAndAnswers() throws Exception {
        E2eSystem.Line line = system.newLine();
        AsleepPhone phone = asleepPhone(line);
        String deviceId = phone.deviceId();
        String prid = phone.prid();

        CompletableFuture<SippResult> pbx = pbxCall(SippScenarios.ANSWER_PBX_BYE, line.did(), Duration.ofMillis(300));
        JsonNode data = awaitPush(prid, "incoming-call");
        try (TestDevice woken = wake(phone, data.path("attachToken").asText(), CallBehaviour.answer(Duration.ofMillis(100)))) {
            assertAnswered(pbx, woken);
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
        String prid = "fcm-token-" + UUID.randomUUID();
        return asleep(line, "android-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("pn-provider", "fcm", "pn-prid", prid));
    }

    /** A phone that registered with these RFC 8599 Contact parameters, then was suspended. */
    private static AsleepPhone asleep(E2eSystem.Line line, String deviceId, Map<String, String> pn) throws Exception {
        DeviceSettings settings = DeviceSettings.of(system.wsUri(), line.user(), E2eSystem.DOMAIN,
                system.token(line.user(), deviceId));
        for (String name : List.of("pn-provider", "pn-prid", "pn-param")) {
            if (pn.containsKey(name)) {
                settings = settings.withContactUriParam(name, pn.get(name));
            }
        }
        try (TestDevice awake = TestDevice.connect(settings)) {
            assertEquals(200, awake.register().status());
        }
        Thread.sleep(500); // the edge sees the close and drops the binding; the handle stays
        return new AsleepPhone(deviceId, pn.get("pn-prid"), settings);
    }

    /** The phone got its push: it connects and registers with the attach token from it. */
    private static TestDevice wake(AsleepPhone phone, String attachToken, CallBehaviour behaviour) throws Exception {
        TestDevice woken = TestDevice.connect(phone.settings());
        woken.onInvite(behaviour);
        var registered = woken.send(woken.registerRequest(600).with("X-Ringedge-Attach-Token", attachToken));
        assertEquals(200, registered.status(), registered.toString());
        return woken;
    }

    /** The PBX's call was answered; if not, the failure shows what each woken phone sent and received. */
    private static void assertAnswered(CompletableFuture<SippResult> pbx, TestDevice... phones) throws Exception {
        SippResult result = pbx.get(WAIT.toSeconds() + RING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        StringBuilder why = new StringBuilder(result.describe());
        for (TestDevice phone : phones) {
            why.append("\nphone ").append(phone.settings().user()).append(":\n").append(phone.describeMessages());
        }
        assertTrue(result.succeeded(), why::toString);
        assertEquals(200, inviteFinalStatus(result), why::toString);
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
            assertAnswered(pbx, answering, ringing);
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

    /** A phone of {@code user} attached to the edge now (its WebSocket open), behaving as told. */
    private static TestDevice awakePhone(E2eSystem.Line line, CallBehaviour behaviour) throws Exception {
        return system.device(line.user(), behaviour);
    }

    @Test
    void unregisteredTokenIsRemoved_andNotPushedAgain() throws Exception {
        E2eSystem.Line line = system.newLine();
        AsleepPhone gone = asleepPhone(line);
        fcm.failNext(gone.prid(), FakeFcm.Error.UNREGISTERED);
        try (TestDevice laptop = awakePhone(line, CallBehaviour.answer(Duration.ofMillis(1500)))) {
            SippResult first = pbxCall(SippScenarios.ANSWER_PBX_BYE, line.did(), Duration.ofMillis(200))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, inviteFinalStatus(first), first.describe());
            String firstCall = system.callId(line.did());
            CallTimeline timeline = system.timeline(firstCall);
            PushFailed failed = timeline.first(PushFailed.class).orElseThrow(() -> new AssertionError(timeline.toString()));
            assertEquals(gone.deviceId(), failed.deviceId());
            assertTrue(failed.handleRemoved(), failed.toString());

            SippResult second = pbxCall(SippScenarios.ANSWER_PBX_BYE, line.did(), Duration.ofMillis(200))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, inviteFinalStatus(second), second.describe());
        }
        assertEquals(1, fcm.receivedFor(gone.prid()).stream()
                        .filter(r -> r.message().path("data").path("type").asText().equals("incoming-call")).count(),
                "the removed handle is not woken again: " + fcm.receivedFor(gone.prid()));
    }

    @Test
    void providerDown_theAttachedDeviceStillRings_then480() throws Exception {
        E2eSystem.Line line = system.newLine();
        AsleepPhone phone = asleepPhone(line);
        FakeFcm.Error[] down = new FakeFcm.Error[40];
        java.util.Arrays.fill(down, FakeFcm.Error.INTERNAL);
        fcm.failNext(phone.prid(), down);
        try (TestDevice laptop = awakePhone(line, CallBehaviour.ringForever())) {
            SippResult pbx = pbxCall(SippScenarios.EXPECT_RING_TIMEOUT_480, line.did(), Duration.ZERO)
                    .get(WAIT.toSeconds() + RING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertTrue(pbx.succeeded(), pbx.describe());
            assertEquals(480, inviteFinalStatus(pbx), pbx.describe());
            assertTrue(laptop.awaitRequest("INVITE", WAIT) != null, "the attached device rang meanwhile");
        }
        // the push service retries while the call rings: its PushFailed may land after CallEnded
        String callId = system.callId(line.did());
        CallTimeline timeline = system.timeline(callId);
        for (int i = 0; i < 30 && timeline.first(PushFailed.class).isEmpty(); i++) {
            Thread.sleep(500);
            timeline = system.timeline(callId);
        }
        assertInOrder(timeline.typeNames(), "CallOffered", "DevicesLocated", "CallRinging", "CallEnded");
        String seen = timeline.toString();
        PushFailed failed = timeline.first(PushFailed.class).orElseThrow(() -> new AssertionError(seen));
        assertTrue(!failed.handleRemoved(), "a provider outage keeps the handle: " + failed);
        assertEquals(480, timeline.ended().orElseThrow().sipStatus());
    }

    @Test
    void asleepIPhoneIsWokenByAVoipPushAndAnswers() throws Exception {
        E2eSystem.Line line = system.newLine();
        String deviceId = "iphone-" + UUID.randomUUID().toString().substring(0, 8);
        String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        AsleepPhone phone = asleep(line, deviceId, Map.of("pn-provider", "apns", "pn-prid", token,
                "pn-param", MockApns.TEAM_ID + ".io.ringedge.phone.voip"));

        CompletableFuture<SippResult> pbx = pbxCall(SippScenarios.ANSWER_PBX_BYE, line.did(), Duration.ofMillis(300));
        MockApns.Received push = awaitApns(token);
        assertEquals("voip", push.header("apns-push-type"));
        assertEquals("io.ringedge.phone.voip", push.header("apns-topic"));
        JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(push.payload());
        try (TestDevice woken = wake(phone, data.path("attachToken").asText(), CallBehaviour.answer(Duration.ofMillis(100)))) {
            assertAnswered(pbx, woken);
        }
        CallTimeline timeline = system.timeline(data.path("callId").asText());
        assertInOrder(timeline.typeNames(), "CallOffered", "DevicesLocated", "DeviceAttached", "InviteDelivered",
                "CallRinging", "CallAnswered", "CallEnded");
        assertEquals("apns", timeline.first(PushSent.class).orElseThrow().provider());
        assertEquals(deviceId, timeline.first(io.ringedge.events.CallAnswered.class).orElseThrow().deviceId());
    }

    private static MockApns.Received awaitApns(String token) throws InterruptedException {
        for (int i = 0; i < WAIT.toMillis() / 20; i++) {
            List<MockApns.Received> got = apns.receivedFor(token);
            if (!got.isEmpty()) {
                return got.getFirst();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no push reached the APNs stand-in for " + token + ": " + apns.received());
    }

    @Test
    void duplicateDevicesLocated_onePushAndOneInvite() throws Exception {
        E2eSystem.Line line = system.newLine();
        AsleepPhone phone = asleepPhone(line);

        CompletableFuture<SippResult> pbx = pbxCall(SippScenarios.ANSWER_PBX_BYE, line.did(), Duration.ofMillis(300));
        JsonNode data = awaitPush(phone.prid(), "incoming-call");
        String callId = data.path("callId").asText();
        // Kafka redelivers: the locator's answer arrives a second time
        DevicesLocated located = CallTimeline.untilCount(system.bootstrapServers(), callId, 2, WAIT)
                .first(DevicesLocated.class).orElseThrow();
        system.standalone().publisher().publish(located);
        system.awaitEventsFlushed();
        Thread.sleep(1000); // the push service and the edge have read it by now
        assertEquals(1, pushes(phone.prid(), "incoming-call"), "one push per (call, device)");

        try (TestDevice woken = wake(phone, data.path("attachToken").asText(), CallBehaviour.answer(Duration.ofMillis(100)))) {
            SippResult result = pbx.get(WAIT.toSeconds() + RING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertEquals(200, inviteFinalStatus(result), result.describe());
            assertEquals(1, woken.callCount(), "one INVITE");
        }
        CallTimeline timeline = system.timeline(callId);
        assertEquals(2, timeline.events().stream().filter(DevicesLocated.class::isInstance).count(), timeline.toString());
        assertEquals(1, timeline.events().stream().filter(InviteDelivered.class::isInstance).count(), timeline.toString());
        assertEquals(1, timeline.events().stream().filter(PushSent.class::isInstance).count(), timeline.toString());
    }

    private static long pushes(String prid, String type) {
        return fcm.receivedFor(prid).stream().filter(r -> r.message().path("data").path("type").asText().equals(type)).count();
    }

    @Test
    void phoneWokenOnEdgeB_answersTheCallHeldOnEdgeA() throws Exception {
        E2eSystem.Line line = system.newLine();
        AsleepPhone phone = asleepPhone(line);
        java.net.URI edgeBws = java.net.URI.create("ws://127.0.0.1:" + edgeB.edge().sip().port(io.ringedge.edge.sip.Ingress.WS));
        AsleepPhone onB = new AsleepPhone(phone.deviceId(), phone.prid(), DeviceSettings.of(edgeBws, line.user(),
                E2eSystem.DOMAIN, phone.settings().bearerToken()).withContactUriParam("pn-provider", "fcm")
                .withContactUriParam("pn-prid", phone.prid()));

        CompletableFuture<SippResult> pbx = pbxCall(SippScenarios.ANSWER_PBX_BYE, line.did(), Duration.ofMillis(300));
        JsonNode data = awaitPush(phone.prid(), "incoming-call");
        try (TestDevice woken = wake(onB, data.path("attachToken").asText(), CallBehaviour.answer(Duration.ofMillis(100)))) {
            assertAnswered(pbx, woken);
        }
        CallTimeline timeline = system.timeline(data.path("callId").asText());
        assertEquals("edge-2", timeline.first(DeviceAttached.class).orElseThrow().edgeNode(), timeline.toString());
        assertEquals("edge-1", timeline.first(io.ringedge.events.CallOffered.class).orElseThrow().edgeNode());
        assertInOrder(timeline.typeNames(), "CallOffered", "DevicesLocated", "DeviceAttached", "InviteDelivered",
                "CallRinging", "CallAnswered", "CallEnded");
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


    private static void assertInOrder(List<String> types, String... steps) {
        int at = -1;
        for (String step : steps) {
            int next = types.indexOf(step);
            assertTrue(next > at, step + " out of order in " + types);
            at = next;
        }
    }
}
