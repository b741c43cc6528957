package io.ringedge.push.apns;

import io.ringedge.testkit.push.MockApns;

import com.eatthepath.pushy.apns.server.RejectionReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringedge.events.PushHandle;
import io.ringedge.push.Push;
import io.ringedge.push.PushConfig;
import io.ringedge.push.PushResult;
import io.ringedge.push.WakePayload;
import io.ringedge.push.internal.RetryingSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The APNs provider against Pushy's real MockApnsServer: HTTP/2, TLS, token auth. */
class ApnsPushProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String PARAM = "TEAM123456.com.example.phone.voip";

    private static MockApns apns;
    private static ApnsPushProvider provider;

    @BeforeAll
    static void start() throws Exception {
        apns = MockApns.start();
        provider = ApnsPushProvider.start(new io.ringedge.push.PushConfig.Apns("127.0.0.1", apns.port(), new io.ringedge.push.PushConfig.ApnsAuth.Token(MockApns.TEAM_ID, MockApns.KEY_ID, apns.signingKeyPem()), java.util.Optional.of(apns.certificatePem())), TIMEOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        provider.close();
        apns.close();
    }

    private static Push.Wake wake(String token) {
        return new Push.Wake(new PushHandle("apns", token, PARAM),
                new WakePayload("call-1", "Alice", "+15550001111", "acme", "wss://edge.example/ws", "tok.sig"),
                Duration.ofSeconds(30));
    }

    private static String token(String seed) {
        // APNs device tokens are 32 bytes, written in hex (Pushy drops anything else from a token)
        return (seed + "0".repeat(64)).substring(0, 64);
    }

    private static PushResult send(Push push) {
        return provider.send(push).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aRingingCallIsAVoipPushWithImmediatePriorityAndNoStorage() throws Exception {
        String token = token("a1");
        PushResult result = send(wake(token));

        PushResult.Accepted accepted = assertInstanceOf(PushResult.Accepted.class, result);
        MockApns.Received received = apns.receivedFor(token).getFirst();
        assertEquals(36, accepted.providerId().length(), "the apns-id UUID APNs answered with");
        assertEquals("POST", received.header(":method"));
        assertEquals("voip", received.header("apns-push-type"));
        assertEquals("com.example.phone.voip", received.header("apns-topic"));
        assertEquals("10", received.header("apns-priority"));
        assertEquals("0", received.header("apns-expiration"));
        assertTrue(received.header("authorization").startsWith("bearer "), "token auth: a JWT signed with the .p8 key");
        JsonNode payload = JSON.readTree(received.payload());
        assertEquals("incoming-call", payload.path("type").asText());
        assertEquals("call-1", payload.path("callId").asText());
        assertEquals("Alice", payload.path("callerName").asText());
        assertEquals("+15550001111", payload.path("callerNumber").asText());
        assertEquals("acme", payload.path("tenantId").asText());
        assertEquals("wss://edge.example/ws", payload.path("attachUrl").asText());
        assertEquals("tok.sig", payload.path("attachToken").asText());
    }

    @Test
    void aCancelIsAMissedCallAlertToTheAppNeverAVoipPush() throws Exception {
        String token = token("a2");
        PushResult result = send(new Push.Cancel(new PushHandle("apns", token, PARAM), "call-2", "", "+15550002222"));

        assertInstanceOf(PushResult.Accepted.class, result);
        MockApns.Received received = apns.receivedFor(token).getFirst();
        assertEquals("alert", received.header("apns-push-type"));
        assertEquals("com.example.phone", received.header("apns-topic"), "alerts go to the bundle id, not .voip");
        JsonNode payload = JSON.readTree(received.payload());
        assertEquals("Missed call", payload.path("aps").path("alert").path("title").asText());
        assertEquals("+15550002222", payload.path("aps").path("alert").path("body").asText());
        assertEquals("cancelled", payload.path("type").asText());
        assertEquals("call-2", payload.path("callId").asText());
    }

    @Test
    void certificateAuthPresentsTheP12ClientCertificateAndNoToken(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair clientKeys = generator.generateKeyPair();
        X509Certificate clientCertificate = MockApns.selfSigned(clientKeys, "com.example.phone");
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("apns", clientKeys.getPrivate(), "secret".toCharArray(), new Certificate[]{clientCertificate});
        Path p12File = dir.resolve("apns.p12");
        try (OutputStream out = Files.newOutputStream(p12File)) {
            p12.store(out, "secret".toCharArray());
        }
        String token = token("9a");
        try (MockApns certificateServer = MockApns.start(Optional.of(clientCertificate))) {
            ApnsPushProvider certificateClient = ApnsPushProvider.start(new PushConfig.Apns("127.0.0.1",
                    certificateServer.port(), new PushConfig.ApnsAuth.Certificate(p12File, "secret"),
                    Optional.of(certificateServer.certificatePem())), TIMEOUT);
            try {
                PushResult result = certificateClient.send(wake(token)).orTimeout(10, TimeUnit.SECONDS).join();

                assertInstanceOf(PushResult.Accepted.class, result);
                assertEquals(1, certificateServer.receivedFor(token).size(), "received: " + certificateServer.received());
                MockApns.Received received = certificateServer.receivedFor(token).getFirst();
                assertEquals("CN=com.example.phone", received.clientCertificate());
                assertNull(received.header("authorization"), "no provider token with certificate auth");
            } finally {
                certificateClient.close();
            }
        }
    }

    @Test
    void deadTokensAreUnregistered() {
        String gone = token("b1");
        String bad = token("b2");
        String otherApp = token("b3");
        apns.rejectNext(gone, RejectionReason.UNREGISTERED);
        apns.rejectNext(bad, RejectionReason.BAD_DEVICE_TOKEN);
        apns.rejectNext(otherApp, RejectionReason.DEVICE_TOKEN_NOT_FOR_TOPIC);

        assertEquals("410 Unregistered", assertInstanceOf(PushResult.Unregistered.class, send(wake(gone))).reason());
        assertInstanceOf(PushResult.Unregistered.class, send(wake(bad)));
        assertInstanceOf(PushResult.Unregistered.class, send(wake(otherApp)));
    }

    @Test
    void overloadAndOutagesAreTransientOtherRefusalsAreRejections() {
        String busy = token("c1");
        String down = token("c2");
        String tooBig = token("c3");
        apns.rejectNext(busy, RejectionReason.TOO_MANY_REQUESTS);
        apns.rejectNext(down, RejectionReason.SERVICE_UNAVAILABLE);
        apns.rejectNext(tooBig, RejectionReason.PAYLOAD_TOO_LARGE);

        assertInstanceOf(PushResult.TransientFailure.class, send(wake(busy)));
        assertInstanceOf(PushResult.TransientFailure.class, send(wake(down)));
        PushResult.Rejected rejected = assertInstanceOf(PushResult.Rejected.class, send(wake(tooBig)));
        assertTrue(rejected.permanent());
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffUntilAccepted() {
        String token = token("d1");
        apns.rejectNext(token, RejectionReason.SERVICE_UNAVAILABLE, RejectionReason.INTERNAL_SERVER_ERROR);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            RetryingSender sender = new RetryingSender(scheduler, Clock.systemUTC(), Duration.ofMillis(20),
                    Duration.ofMillis(100));
            RetryingSender.Outcome outcome = sender.send(provider, wake(token), Instant.now().plusSeconds(10),
                            () -> CompletableFuture.completedFuture(true))
                    .orTimeout(10, TimeUnit.SECONDS).join();
            assertInstanceOf(PushResult.Accepted.class, outcome.result());
            assertEquals(3, outcome.attempts());
            assertEquals(3, apns.receivedFor(token).size());
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aHandleThatIsNotAVoipPnParamIsRejectedWithoutSending() {
        String token = token("e1");
        PushResult noService = send(new Push.Wake(new PushHandle("apns", token, "com"), wake(token).payload(),
                Duration.ofSeconds(30)));
        PushResult notVoip = send(new Push.Wake(new PushHandle("apns", token, "TEAM123456.com.example.phone.apns"),
                wake(token).payload(), Duration.ofSeconds(30)));

        assertTrue(assertInstanceOf(PushResult.Rejected.class, noService).reason().contains("RFC 8599"));
        assertInstanceOf(PushResult.Rejected.class, notVoip);
        assertEquals(List.of(), apns.receivedFor(token));
    }

    @Test
    void aHangingServerIsBoundedByTheTimeoutAndDoesNotHoldUpOtherPushes() throws Exception {
        // a server that accepts TCP connections and never says a word: the TLS handshake never ends
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            PushConfig.Apns config = new io.ringedge.push.PushConfig.Apns("127.0.0.1", apns.port(), new io.ringedge.push.PushConfig.ApnsAuth.Token(MockApns.TEAM_ID, MockApns.KEY_ID, apns.signingKeyPem()), java.util.Optional.of(apns.certificatePem()));
            Duration shortTimeout = Duration.ofMillis(700);
            ApnsPushProvider hanging = ApnsPushProvider.start(new PushConfig.Apns("127.0.0.1",
                    blackHole.getLocalPort(), config.auth(), Optional.of(apns.certificatePem())), shortTimeout);
            try {
                long started = System.nanoTime();
                CompletableFuture<PushResult> stuck = hanging.send(wake(token("f1")));
                PushResult other = send(wake(token("f2")));
                Duration otherTook = Duration.ofNanos(System.nanoTime() - started);

                assertInstanceOf(PushResult.Accepted.class, other);
                assertTrue(otherTook.compareTo(shortTimeout) < 0, "the other push waited " + otherTook);
                PushResult timedOut = stuck.orTimeout(5, TimeUnit.SECONDS).join();
                Duration stuckTook = Duration.ofNanos(System.nanoTime() - started);
                assertInstanceOf(PushResult.TransientFailure.class, timedOut);
                assertTrue(stuckTook.compareTo(shortTimeout.plusSeconds(1)) < 0, "bounded, took " + stuckTook);
            } finally {
                // hang up first, so the client's pending TLS handshake fails and it closes at once
                blackHole.close();
                acceptor.join(2000);
                for (Socket socket : held) {
                    socket.close();
                }
                hanging.close();
            }
        }
    }
}
