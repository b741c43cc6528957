package io.ringedge.push.fcm;

import io.ringedge.testkit.push.FakeFcm;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringedge.events.PushHandle;
import io.ringedge.push.Push;
import io.ringedge.push.PushResult;
import io.ringedge.push.WakePayload;
import io.ringedge.push.internal.RetryingSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Firebase Admin SDK pointed at a local server speaking the FCM v1 send API. */
class FcmPushProviderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static FakeFcm fcm;
    private static FcmPushProvider provider;
    /** every host anything in this JVM asked the default ProxySelector about */
    private static final List<URI> LOOKED_UP = new CopyOnWriteArrayList<>();
    private static ProxySelector previousSelector;

    @BeforeAll
    static void start() throws IOException {
        previousSelector = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                LOOKED_UP.add(uri);
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        });
        fcm = FakeFcm.start();
        provider = FcmPushProvider.start(new io.ringedge.push.PushConfig.Fcm(FakeFcm.PROJECT, java.util.Optional.empty(), java.util.Optional.of(fcm.endpoint())), TIMEOUT);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        provider.close();
        fcm.close();
        ProxySelector.setDefault(previousSelector);
        // HttpURLConnection asks the selector for every URL it opens: the sends show here, and so
        // would any OAuth or metadata-server call of the SDK. Only loopback may appear.
        assertTrue(LOOKED_UP.size() >= 6, "the selector saw the sends: " + LOOKED_UP);
        for (URI uri : LOOKED_UP) {
            assertTrue(isLoopback(uri.getHost()), "the SDK reached for " + uri);
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static Push.Wake wake(String provider, String token) {
        return new Push.Wake(new PushHandle(provider, token, ""),
                new WakePayload("call-1", "Bob", "+15550003333", "acme", "wss://edge.example/ws", "tok.sig"),
                Duration.ofSeconds(30));
    }

    private static PushResult send(Push push) {
        return provider.send(push).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aRingingCallIsAHighPriorityDataMessageLivingAsLongAsTheRing() {
        PushResult result = send(wake("fcm", "android-1"));

        PushResult.Accepted accepted = assertInstanceOf(PushResult.Accepted.class, result);
        assertTrue(accepted.providerId().startsWith("projects/" + FakeFcm.PROJECT + "/messages/"), accepted.providerId());
        FakeFcm.Received received = fcm.receivedFor("android-1").getFirst();
        assertEquals("Bearer ringedge-local-endpoint", received.authorization());
        JsonNode message = received.message();
        assertTrue(message.path("notification").isMissingNode(), "data only: the app decides how to ring");
        assertEquals("high", message.path("android").path("priority").asText());
        assertEquals("30s", message.path("android").path("ttl").asText());
        JsonNode data = message.path("data");
        assertEquals("incoming-call", data.path("type").asText());
        assertEquals("call-1", data.path("callId").asText());
        assertEquals("Bob", data.path("callerName").asText());
        assertEquals("+15550003333", data.path("callerNumber").asText());
        assertEquals("acme", data.path("tenantId").asText());
        assertEquals("wss://edge.example/ws", data.path("attachUrl").asText());
        assertEquals("tok.sig", data.path("attachToken").asText());
    }

    @Test
    void aBrowserGetsWebPushUrgencyHighAndTtl() {
        assertInstanceOf(PushResult.Accepted.class, send(wake("webpush", "browser-1")));

        JsonNode message = fcm.receivedFor("browser-1").getFirst().message();
        assertEquals("high", message.path("webpush").path("headers").path("Urgency").asText());
        assertEquals("30", message.path("webpush").path("headers").path("TTL").asText());
        assertTrue(message.path("android").isMissingNode());
    }

    @Test
    void aCancelIsADataMessageOfTypeCancelled() {
        assertInstanceOf(PushResult.Accepted.class,
                send(new Push.Cancel(new PushHandle("fcm", "android-2", ""), "call-9", "Bob", "+1555")));

        JsonNode message = fcm.receivedFor("android-2").getFirst().message();
        assertEquals("cancelled", message.path("data").path("type").asText());
        assertEquals("call-9", message.path("data").path("callId").asText());
        assertEquals("high", message.path("android").path("priority").asText());
    }

    @Test
    void fcmErrorsAreValues() {
        fcm.failNext("dead", FakeFcm.Error.UNREGISTERED);
        fcm.failNext("foreign", FakeFcm.Error.SENDER_ID_MISMATCH);
        fcm.failNext("garbage", FakeFcm.Error.INVALID_ARGUMENT);
        fcm.failNext("busy", FakeFcm.Error.QUOTA_EXCEEDED);

        PushResult.Unregistered dead = assertInstanceOf(PushResult.Unregistered.class, send(wake("fcm", "dead")));
        assertTrue(dead.reason().startsWith("UNREGISTERED (HTTP 404)"), dead.reason());
        assertInstanceOf(PushResult.Unregistered.class, send(wake("fcm", "foreign")));
        assertTrue(assertInstanceOf(PushResult.Rejected.class, send(wake("fcm", "garbage"))).permanent());
        assertInstanceOf(PushResult.TransientFailure.class, send(wake("fcm", "busy")));
    }

    @Test
    void aServerErrorIsRetriedUntilAccepted() {
        fcm.failNext("flaky", FakeFcm.Error.INTERNAL);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            RetryingSender sender = new RetryingSender(scheduler, Clock.systemUTC(), Duration.ofMillis(20),
                    Duration.ofMillis(100));
            RetryingSender.Outcome outcome = sender.send(provider, wake("fcm", "flaky"), Instant.now().plusSeconds(10),
                    () -> CompletableFuture.completedFuture(true)).orTimeout(10, TimeUnit.SECONDS).join();
            assertInstanceOf(PushResult.Accepted.class, outcome.result());
            assertEquals(2, outcome.attempts());
            assertEquals(2, fcm.receivedFor("flaky").size());
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aHangingServerIsBoundedByTheTimeoutAndDoesNotHoldUpOtherPushes() {
        fcm.failNext("stuck", FakeFcm.Error.HANG);
        long started = System.nanoTime();
        CompletableFuture<PushResult> stuck = provider.send(wake("fcm", "stuck"));
        PushResult other = send(wake("fcm", "android-3"));
        Duration otherTook = Duration.ofNanos(System.nanoTime() - started);

        assertInstanceOf(PushResult.Accepted.class, other);
        assertTrue(otherTook.compareTo(TIMEOUT) < 0, "the other push waited " + otherTook);
        assertInstanceOf(PushResult.TransientFailure.class, stuck.orTimeout(10, TimeUnit.SECONDS).join());
        Duration stuckTook = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(stuckTook.compareTo(TIMEOUT.plusSeconds(1)) < 0, "bounded, took " + stuckTook);
    }
}
