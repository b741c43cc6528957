package io.ringedge.push;

import io.ringedge.testkit.push.MockApns;

import io.ringedge.testkit.push.FakeFcm;

import com.eatthepath.pushy.apns.server.RejectionReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallCancelled;
import io.ringedge.events.CallEnded;
import io.ringedge.events.Caller;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.EventCodec;
import io.ringedge.events.PushFailed;
import io.ringedge.events.PushHandle;
import io.ringedge.events.PushSent;
import io.ringedge.events.RingedgeEvent;
import io.ringedge.locator.Binding;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.locator.redis.RedisLocator;
import io.ringedge.push.apns.ApnsPushProvider;
import io.ringedge.push.fcm.FcmPushProvider;
import io.ringedge.push.internal.PushState;
import io.ringedge.runtime.redis.RedisLink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PushFunction over real Redis and the two protocol-level provider stand-ins, applied directly. */
class PushFunctionTest {

    static final byte[] TOKEN_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final URI SOURCE = URI.create("/test");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Caller CAROL = new Caller("Carol", "+15550009999");

    private static EmbeddedRedis redis;
    private static MockApns apns;
    private static FakeFcm fcm;
    private static ApnsPushProvider apnsProvider;
    private static FcmPushProvider fcmProvider;
    private static RedisLocator locator;
    private static RedisLink connection;

    private final List<ScheduledExecutorService> schedulers = new ArrayList<>();
    private final RecordingPublisher published = new RecordingPublisher();
    private final String callId = "call-" + UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        redis = EmbeddedRedis.start();
        apns = MockApns.start();
        fcm = FakeFcm.start();
        apnsProvider = ApnsPushProvider.start(new io.ringedge.push.PushConfig.Apns("127.0.0.1", apns.port(), new io.ringedge.push.PushConfig.ApnsAuth.Token(MockApns.TEAM_ID, MockApns.KEY_ID, apns.signingKeyPem()), java.util.Optional.of(apns.certificatePem())), Duration.ofSeconds(2));
        fcmProvider = FcmPushProvider.start(new io.ringedge.push.PushConfig.Fcm(FakeFcm.PROJECT, java.util.Optional.empty(), java.util.Optional.of(fcm.endpoint())), Duration.ofSeconds(2));
        LocatorConfig locatorConfig = new LocatorConfig(URI.create(redis.uri()), false, Duration.ofSeconds(1), Duration.ofSeconds(5), "test",
                Duration.ofDays(1), Duration.ofMinutes(1));
        locator = RedisLocator.connect(locatorConfig);
        connection = RedisLink.connect(locatorConfig.redisLink());
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        locator.close();
        fcmProvider.close();
        apnsProvider.close();
        fcm.close();
        apns.close();
        redis.close();
    }

    @AfterEach
    void stopSchedulers() {
        schedulers.forEach(ScheduledExecutorService::shutdownNow);
    }

    static PushConfig config(Duration ringTimeout) {
        return new PushConfig(URI.create("wss://edge.example/ws"), TOKEN_KEY, ringTimeout, Duration.ofSeconds(2),
                Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMinutes(5), Optional.empty(), Optional.empty());
    }

    private PushFunction function(Map<String, PushProvider> providers, Duration ringTimeout, RecordingPublisher publisher) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        schedulers.add(scheduler);
        return new PushFunction(config(ringTimeout), providers,
                new PushState(connection.asyncCommands(), "test", Duration.ofMinutes(5)), locator.directory(), publisher,
                scheduler, Clock.systemUTC());
    }

    private PushFunction function() {
        return function(Map.of("apns", apnsProvider, "fcm", fcmProvider, "webpush", fcmProvider),
                Duration.ofSeconds(5), published);
    }

    private static void deliver(PushFunction function, RingedgeEvent... events) {
        for (RingedgeEvent event : events) {
            assertEquals(List.of(), function.apply(EventCodec.envelope(SOURCE, event)).toCompletableFuture().join(),
                    "results are published, not returned");
        }
    }

    private static String apnsToken() {
        return UUID.randomUUID().toString().replace("-", "").repeat(2);
    }

    private DevicesLocated located(DevicesLocated.AsleepDevice... asleep) {
        return new DevicesLocated(callId, "acme", "alice", CAROL, List.of(), List.of(asleep));
    }

    private static DevicesLocated.AsleepDevice iphone(String token) {
        return new DevicesLocated.AsleepDevice("iphone", new PushHandle("apns", token, "TEAM123456.com.example.phone.voip"));
    }

    private static DevicesLocated.AsleepDevice android(String token) {
        return new DevicesLocated.AsleepDevice("android", new PushHandle("fcm", token, ""));
    }

    @Test
    void everyAsleepDeviceGetsOnePushEvenWhenRedeliveredOrRunTwice() throws Exception {
        String ios = apnsToken();
        String droid = "fcm-" + UUID.randomUUID();
        DevicesLocated located = located(iphone(ios), android(droid));
        PushFunction first = function();
        RecordingPublisher secondPublished = new RecordingPublisher();
        PushFunction second = function(Map.of("apns", apnsProvider, "fcm", fcmProvider), Duration.ofSeconds(5),
                secondPublished);

        deliver(first, located, located);
        deliver(second, located);

        List<PushSent> sent = published.await(PushSent.class, e -> e.callId().equals(callId), 2, WAIT);
        assertEquals(2, sent.size(), "sent: " + sent);
        Thread.sleep(200);
        assertEquals(1, apns.receivedFor(ios).size());
        assertEquals(1, fcm.receivedFor(droid).size());
        assertEquals(List.of(), secondPublished.matching(RingedgeEvent.class, e -> true));
        PushSent iphoneSent = sent.stream().filter(e -> e.deviceId().equals("iphone")).findFirst().orElseThrow();
        assertEquals("apns", iphoneSent.provider());
        assertEquals(36, iphoneSent.providerId().length());

        // the payload: caller from DevicesLocated, attach token for this device and call
        JsonNode payload = JSON.readTree(apns.receivedFor(ios).getFirst().payload());
        assertEquals("Carol", payload.path("callerName").asText());
        assertEquals("+15550009999", payload.path("callerNumber").asText());
        assertEquals("wss://edge.example/ws", payload.path("attachUrl").asText());
        AttachTokens tokens = new AttachTokens(TOKEN_KEY, Clock.systemUTC());
        String attachToken = payload.path("attachToken").asText();
        assertEquals(AttachTokens.Refusal.OTHER_DEVICE, assertInstanceOf(AttachTokens.Check.Refused.class,
                        tokens.verify(attachToken, "android", (n, e) -> true)).refusal());
        AttachTokens.Check.Valid valid = assertInstanceOf(AttachTokens.Check.Valid.class,
                tokens.verify(attachToken, "iphone", (n, e) -> true));
        assertEquals(callId, valid.callId());
        String droidToken = fcm.receivedFor(droid).getFirst().message().path("data").path("attachToken").asText();
        assertEquals(callId, assertInstanceOf(AttachTokens.Check.Valid.class,
                tokens.verify(droidToken, "android", (n, e) -> true)).callId());
    }

    @Test
    void anUnregisteredTokenRemovesTheHandleAndFailsThePush() throws Exception {
        String ios = apnsToken();
        PushHandle handle = new PushHandle("apns", ios, "TEAM123456.com.example.phone.voip");
        locator.directory().bind(new Binding("acme", "alice", "iphone", "edge-1", "flow-" + callId,
                "sip:iphone@h.invalid", Optional.of(handle)), Duration.ofMinutes(1));
        locator.directory().unbindFlow("edge-1", "flow-" + callId);
        assertEquals(Optional.of(handle), locator.directory().pushHandle("acme", "alice", "iphone"), "asleep, wakeable");
        apns.rejectNext(ios, RejectionReason.UNREGISTERED);

        deliver(function(), located(iphone(ios)));

        PushFailed failed = published.await(PushFailed.class, e -> e.callId().equals(callId), 1, WAIT).getFirst();
        assertEquals(new PushFailed(callId, "iphone", "apns", "unregistered: 410 Unregistered", true), failed);
        assertEquals(Optional.empty(), locator.directory().pushHandle("acme", "alice", "iphone"));
    }

    @Test
    void aTransientFailureIsRetriedWhileTheCallRings() throws Exception {
        String droid = "fcm-" + UUID.randomUUID();
        fcm.failNext(droid, FakeFcm.Error.INTERNAL, FakeFcm.Error.QUOTA_EXCEEDED);

        deliver(function(), located(android(droid)));

        assertEquals(1, published.await(PushSent.class, e -> e.callId().equals(callId), 1, WAIT).size());
        assertEquals(3, fcm.receivedFor(droid).size());
    }

    @Test
    void retriesStopWhenTheRingTimeoutEnds() throws Exception {
        String droid = "fcm-" + UUID.randomUUID();
        FakeFcm.Error[] outage = new FakeFcm.Error[200];
        Arrays.fill(outage, FakeFcm.Error.INTERNAL);
        fcm.failNext(droid, outage);
        long started = System.nanoTime();

        deliver(function(Map.of("fcm", fcmProvider), Duration.ofSeconds(1), published), located(android(droid)));

        PushFailed failed = published.await(PushFailed.class, e -> e.callId().equals(callId), 1, WAIT).getFirst();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(failed.reason().startsWith("transient failure: INTERNAL (HTTP 500)"), failed.reason());
        assertTrue(failed.reason().endsWith("attempts)"), failed.reason());
        assertTrue(took.compareTo(Duration.ofMillis(1500)) < 0, "bounded by the 1 s ring timeout, took " + took);
    }

    @Test
    void aProviderThatIsNotConfiguredFailsItsPushesNotTheService() throws Exception {
        String droid = "fcm-" + UUID.randomUUID();

        deliver(function(Map.of("fcm", fcmProvider), Duration.ofSeconds(5), published),
                located(iphone(apnsToken()), android(droid)));

        assertEquals(List.of(new PushFailed(callId, "iphone", "apns", "apns not configured", false)),
                published.await(PushFailed.class, e -> e.callId().equals(callId), 1, WAIT));
        assertEquals(1, published.await(PushSent.class, e -> e.callId().equals(callId), 1, WAIT).size());
    }

    @Test
    void withoutRedisNoPushIsSentAndTheFailureIsPublished() throws Exception {
        String droid = "fcm-" + UUID.randomUUID();
        EmbeddedRedis gone = EmbeddedRedis.start();
        try (RedisLink lost = RedisLink.connect(new RedisLink.Settings(URI.create(gone.uri()), false,
                Duration.ofSeconds(5), Duration.ofSeconds(1)))) {
            gone.close();
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            schedulers.add(scheduler);
            PushFunction function = new PushFunction(config(Duration.ofSeconds(5)), Map.of("fcm", fcmProvider),
                    new PushState(lost.asyncCommands(), "test", Duration.ofMinutes(5)), locator.directory(), published,
                    scheduler, Clock.systemUTC());

            deliver(function, located(android(droid)));

            PushFailed failed = published.await(PushFailed.class, e -> e.callId().equals(callId), 1, WAIT).getFirst();
            assertTrue(failed.reason().startsWith("push state unavailable"), failed.reason());
            assertEquals(List.of(), fcm.receivedFor(droid), "no idempotency key, no push");
        }
    }

    @Test
    void aHangingProviderHoldsUpNeitherTheConsumerNorOtherPushes() throws Exception {
        String ios = apnsToken();
        String droid = "fcm-" + UUID.randomUUID();
        fcm.failNext(droid, FakeFcm.Error.HANG);
        PushFunction function = function();

        long started = System.nanoTime();
        deliver(function, located(iphone(ios), android(droid)));
        Duration applyTook = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(applyTook.compareTo(Duration.ofMillis(500)) < 0, "apply returned after " + applyTook);
        PushSent sent = published.await(PushSent.class, e -> e.callId().equals(callId), 1, WAIT).getFirst();
        assertEquals("iphone", sent.deviceId());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) < 0,
                "the iPhone was not held up by the hanging FCM send");
    }

    @Test
    void theConsumerDoesNotWaitForRedis() throws Exception {
        String droid = "fcm-" + UUID.randomUUID();
        PushFunction function = function();
        // every client of this Redis, the push state's connection too, waits 700 ms for its next command
        locator.commands().clientPause(700);

        long started = System.nanoTime();
        deliver(function, located(android(droid)));
        Duration applyTook = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(applyTook.compareTo(Duration.ofMillis(300)) < 0, "apply returned after " + applyTook);
        assertEquals(List.of(), fcm.receivedFor(droid), "no push before its idempotency key is taken");
        PushSent sent = published.await(PushSent.class, e -> e.callId().equals(callId), 1, WAIT).getFirst();
        assertEquals("android", sent.deviceId());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(650)) > 0,
                "the push left once Redis answered");
    }

    @Test
    void aHangUpHandledBeforeTheWakesLeftStillCancelsThem() throws Exception {
        String ios = apnsToken();
        String droid = "fcm-" + UUID.randomUUID();
        PushFunction function = function();

        // back to back, as a consumer hands them over: the end's claim runs in Redis after the wakes'
        deliver(function, located(iphone(ios), android(droid)), new CallCancelled(callId));

        Await.until("the APNs wake and cancel", WAIT, () -> apns.receivedFor(ios).size() == 2);
        Await.until("the FCM wake and cancel", WAIT, () -> fcm.receivedFor(droid).size() == 2);
        assertEquals("cancelled", fcm.receivedFor(droid).get(1).message().path("data").path("type").asText(),
                "the cancel never overtakes the wake");
        assertEquals("voip", apns.receivedFor(ios).get(0).header("apns-push-type"));
        assertEquals("alert", apns.receivedFor(ios).get(1).header("apns-push-type"));
    }

    @Test
    void whenTheCallerHangsUpEveryWokenDeviceIsToldToStopOnce() throws Exception {
        String ios = apnsToken();
        String droid = "fcm-" + UUID.randomUUID();
        PushFunction function = function();
        deliver(function, located(iphone(ios), android(droid)));
        published.await(PushSent.class, e -> e.callId().equals(callId), 2, WAIT);

        deliver(function, new CallCancelled(callId), new CallCancelled(callId),
                new CallEnded(callId, CallEnded.EndCause.CALLER_CANCELLED, 487, 900, 0));

        Await.until("the APNs cancel", WAIT, () -> apns.receivedFor(ios).size() == 2);
        Await.until("the FCM cancel", WAIT, () -> fcm.receivedFor(droid).size() == 2);
        MockApns.Received alert = apns.receivedFor(ios).get(1);
        assertEquals("alert", alert.header("apns-push-type"), "never a VoIP push for a cancel");
        assertEquals("com.example.phone", alert.header("apns-topic"));
        assertEquals("Carol", JSON.readTree(alert.payload()).path("aps").path("alert").path("body").asText());
        assertEquals("cancelled", fcm.receivedFor(droid).get(1).message().path("data").path("type").asText());
        Thread.sleep(200);
        assertEquals(2, apns.receivedFor(ios).size());
        assertEquals(2, fcm.receivedFor(droid).size());
    }

    @Test
    void theDeviceThatAnsweredIsNotCancelledTheOthersAre() throws Exception {
        String ios = apnsToken();
        String droid = "fcm-" + UUID.randomUUID();
        PushFunction function = function();
        deliver(function, located(iphone(ios), android(droid)));
        published.await(PushSent.class, e -> e.callId().equals(callId), 2, WAIT);

        deliver(function, new CallAnswered(callId, "android"),
                new CallEnded(callId, CallEnded.EndCause.CALLEE_HANGUP, 200, 900, 5000));

        Await.until("the iPhone's cancel", WAIT, () -> apns.receivedFor(ios).size() == 2);
        Thread.sleep(200);
        assertEquals(1, fcm.receivedFor(droid).size(), "the Android phone answered: no cancel");
    }

    @Test
    void aDeviceWhoseWakePushWasRefusedGetsNoCancelPush() throws Exception {
        String gone = "fcm-" + UUID.randomUUID();
        String bad = apnsToken();
        String fine = "fcm-" + UUID.randomUUID();
        fcm.failNext(gone, FakeFcm.Error.UNREGISTERED);
        apns.rejectNext(bad, RejectionReason.BAD_DEVICE_TOKEN);
        PushFunction function = function();
        deliver(function, located(android(gone), iphone(bad),
                new DevicesLocated.AsleepDevice("tablet", new PushHandle("fcm", fine, ""))));
        published.await(PushFailed.class, e -> e.callId().equals(callId), 2, WAIT);
        published.await(PushSent.class, e -> e.callId().equals(callId), 1, WAIT);

        deliver(function, new CallCancelled(callId), new CallEnded(callId, CallEnded.EndCause.CALLER_CANCELLED, 487, 900, 0));

        Await.until("the tablet's cancel", WAIT, () -> fcm.receivedFor(fine).size() == 2);
        Thread.sleep(200);
        assertEquals(1, fcm.receivedFor(gone).size(), "no cancel to a token FCM called unregistered: " + fcm.receivedFor(gone));
        assertEquals(1, apns.receivedFor(bad).size(), "no cancel to a token APNs refused");
    }
}
