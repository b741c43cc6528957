package io.ringedge.e2e;

import io.ringedge.edge.sip.Ingress;
import io.ringedge.edge.sip.RejectCounters.Reason;
import io.ringedge.edge.token.TokenIssuer;
import io.ringedge.edge.token.TokenKey;
import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.CallState;
import io.ringedge.testkit.CallTimeline;
import io.ringedge.testkit.DeviceSettings;
import io.ringedge.testkit.PbxSocket;
import io.ringedge.testkit.RecordedMessage;
import io.ringedge.testkit.TestDevice;
import io.ringedge.testkit.sip.SipRequest;
import io.ringedge.testkit.sip.SipResponse;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippScenarios;
import io.ringedge.testkit.sipp.SippTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input from a PBX (UDP, TCP) and from a device (WebSocket) gets a clear answer, or on UDP is
 * dropped and counted, and the same system then completes a normal call.
 */
class BadInputTest {

    static final int MAX_MESSAGE = 8192;
    static final Duration WAIT = Duration.ofSeconds(5);

    static E2eSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = E2eSystem.start(SippCallTest.RING_TIMEOUT_SECONDS,
                Map.of("edge.sip.max-message-size", Integer.toString(MAX_MESSAGE)));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void pbxOverTcp() throws Exception {
        int port = system.sipPort(Ingress.TCP);
        try (PbxSocket pbx = PbxSocket.tcp("127.0.0.1", port, WAIT)) {
            // unparseable request line: 400 naming the problem (RFC 3261 §21.4.1)
            pbx.send(options(pbx, port, "bad-line", "Content-Length: 0\r\n\r\n").replaceFirst("OPTIONS sip:\\S+", "OPTIONS <<>>"));
            assertCallId("bad-line", pbx.awaitResponse(400, WAIT));

            // RFC 3261 §18.3: Content-Length is mandatory on a stream
            long missing = count(Reason.MISSING_CONTENT_LENGTH);
            pbx.send(options(pbx, port, "no-cl", "\r\n"));
            assertCallId("no-cl", pbx.awaitResponse(400, WAIT));
            assertEquals(missing + 1, count(Reason.MISSING_CONTENT_LENGTH));

            // larger than edge.sip.max-message-size: 513 (RFC 3261 §21.5.14)
            pbx.send(options(pbx, port, "big", "X-Pad: " + "x".repeat(MAX_MESSAGE + 100) + "\r\nContent-Length: 0\r\n\r\n"));
            assertCallId("big", pbx.awaitResponse(513, WAIT));

            // unknown method: 501 (RFC 3261 §8.2.1)
            pbx.send(options(pbx, port, "frob", "Content-Length: 0\r\n\r\n").replace("OPTIONS", "FROB"));
            assertCallId("frob", pbx.awaitResponse(501, WAIT));

            // a Content-Length shorter than the body: the rest is read as the start of the next
            // message, which then does not parse and gets 400
            pbx.send(options(pbx, port, "short-cl", "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nabcdef"));
            assertCallId("short-cl", pbx.awaitResponse(200, WAIT));
            pbx.send(options(pbx, port, "after-short", "Content-Length: 0\r\n\r\n"));
            assertCallId("after-short", pbx.awaitResponse(400, WAIT));

            pbx.send(options(pbx, port, "fine", "Content-Length: 0\r\n\r\n"));
            assertCallId("fine", pbx.awaitResponse(200, WAIT));
        }
        normalCall(SippTransport.TCP);
    }

    @Test
    void pbxOverUdp() throws Exception {
        int port = system.sipPort(Ingress.UDP);
        try (PbxSocket pbx = PbxSocket.udp("127.0.0.1", port)) {
            // a datagram that does not parse has no trustworthy source to answer: dropped and counted
            long unparseable = count(Reason.UNPARSEABLE);
            pbx.send(options(pbx, port, "udp-bad", "Content-Length: 0\r\n\r\n").replaceFirst("OPTIONS sip:\\S+", "OPTIONS <<>>"));
            pbx.send("\u0001\u0002 definitely not SIP\r\n\r\n");
            assertEquals(Optional.empty(), pbx.receive(Duration.ofMillis(1500)).map(RecordedMessage::summary), "no answer");
            assertEquals(unparseable + 2, count(Reason.UNPARSEABLE));

            pbx.send(options(pbx, port, "udp-big", "X-Pad: " + "z".repeat(MAX_MESSAGE + 100) + "\r\nContent-Length: 0\r\n\r\n"));
            assertCallId("udp-big", pbx.awaitResponse(513, WAIT));

            pbx.send(options(pbx, port, "udp-frob", "Content-Length: 0\r\n\r\n").replace("OPTIONS", "FROB"));
            assertCallId("udp-frob", pbx.awaitResponse(501, WAIT));

            // RFC 3261 §18.3: a datagram shorter than its Content-Length is discarded (or answered
            // 400); longer is truncated to it
            pbx.send(options(pbx, port, "udp-long-cl", "Content-Type: text/plain\r\nContent-Length: 50\r\n\r\nabc"));
            Optional<RecordedMessage> answer = pbx.receive(Duration.ofMillis(1500));
            assertTrue(answer.isEmpty() || answer.get().message() instanceof SipResponse r && r.status() == 400,
                    "dropped or 400: " + answer.map(RecordedMessage::summary));

            // Content-Length is optional on UDP
            pbx.send(options(pbx, port, "udp-fine", "\r\n"));
            assertCallId("udp-fine", pbx.awaitResponse(200, WAIT));
        }
        normalCall(SippTransport.UDP);
    }

    @Test
    void deviceOverWebSocket() throws Exception {
        E2eSystem.Line line = system.newLine();
        long unframeable = count(Reason.UNFRAMEABLE);
        try (TestDevice junk = TestDevice.connect(DeviceSettings.of(system.wsUri(), line.user(), E2eSystem.DOMAIN, null))) {
            // not SIP at all: nothing to answer; the edge closes the flow and counts it
            junk.sendRaw("hello, I am not SIP\r\n\r\n");
            junk.awaitClosed(WAIT);
            assertEquals(unframeable + 1, count(Reason.UNFRAMEABLE));
        }

        String good = system.token(line.user(), "ws-dev");
        try (TestDevice phone = TestDevice.connect(DeviceSettings.of(system.wsUri(), line.user(), E2eSystem.DOMAIN, good))) {
            SipRequest register = phone.registerRequest(600);

            phone.sendRaw(register.replacing("Call-ID", "ws-bad-line").encode().replaceFirst("REGISTER sip:\\S+", "REGISTER <<>>"));
            assertEquals(400, phone.awaitResponse(400, WAIT).status());

            phone.sendRaw(register.replacing("Call-ID", "ws-big").with("X-Pad", "y".repeat(MAX_MESSAGE + 100)).encode());
            assertCallId("ws-big", phone.awaitResponse(513, WAIT));

            phone.sendRaw(register.replacing("Call-ID", "ws-frob").encode().replace("REGISTER", "FROB"));
            assertCallId("ws-frob", phone.awaitResponse(501, WAIT));

            // RFC 8898 §2.3: no valid bearer token, 401 with a Bearer challenge saying why
            assertUnauthorized(phone.send(phone.registerRequest(600).without("Authorization")), "missing token");
            assertUnauthorized(phone.send(withToken(phone, expiredToken(line.user()))), "expired token");
            assertUnauthorized(phone.send(withToken(phone, forgedToken(line.user()))), "forged token");
            assertUnauthorized(phone.send(withToken(phone, "not-a-jwt")), "malformed JWT");
            assertUnauthorized(phone.send(withToken(phone, "e30.e30.!!")), "malformed JWT segments");
            assertUnauthorized(phone.send(withToken(phone, good.substring(0, good.lastIndexOf('.') + 1) + "AAAA")),
                    "bad signature");

            // and the same device, now with its real token, registers and takes a call
            assertEquals(200, phone.register().status());
            phone.onInvite(CallBehaviour.answer(Duration.ofMillis(100)));
            SippResult pbx = system.call(SippScenarios.ANSWER_PBX_BYE, SippTransport.UDP, line.did(), Duration.ofMillis(200), Duration.ofSeconds(10));
            assertTrue(pbx.succeeded(), pbx.describe());
            phone.awaitCall(WAIT).awaitState(CallState.TERMINATED, WAIT);
            CallTimeline timeline = system.timeline(system.callId(line.did()));
            SippCallTest.assertSequence(SippCallTest.ANSWERED, timeline);
        }
    }

    private static void normalCall(SippTransport transport) throws Exception {
        E2eSystem.Line line = system.newLine();
        try (TestDevice phone = system.device(line.user(), CallBehaviour.answer(Duration.ofMillis(100)))) {
            SippResult pbx = system.call(SippScenarios.ANSWER_PBX_BYE, transport, line.did(), Duration.ofMillis(200), Duration.ofSeconds(10));
            assertTrue(pbx.succeeded(), "the edge still serves calls after bad input: " + pbx.describe());
            phone.awaitCall(WAIT).awaitState(CallState.TERMINATED, WAIT);
            CallTimeline timeline = system.timeline(system.callId(line.did()));
            SippCallTest.assertSequence(SippCallTest.ANSWERED, timeline);
            SippCallTest.assertEnded(timeline, EndCause.CALLER_HANGUP, 200);
        }
    }

    private static SipRequest withToken(TestDevice phone, String token) {
        return phone.registerRequest(600).replacing("Authorization", "Bearer " + token);
    }

    private static String expiredToken(String user) {
        TokenIssuer past = new TokenIssuer(system.edgeConfig().token().key(),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC));
        return past.mint(E2eSystem.TENANT, user, "ws-dev", Duration.ofSeconds(60)).token();
    }

    private static String forgedToken(String user) {
        TokenKey other = new TokenKey.Hmac("a-key-that-is-not-the-edges-0123456789".getBytes(StandardCharsets.UTF_8));
        return new TokenIssuer(other, Clock.systemUTC()).mint(E2eSystem.TENANT, user, "ws-dev", Duration.ofSeconds(60)).token();
    }

    private static void assertUnauthorized(SipResponse r, String what) {
        assertEquals(401, r.status(), what + ": " + r);
        String challenge = r.header("WWW-Authenticate").orElseThrow(() -> new AssertionError(what + ": no challenge in " + r));
        assertTrue(challenge.startsWith("Bearer ") && challenge.contains("error=\"invalid_token\""), what + ": " + challenge);
    }

    private static void assertCallId(String callId, io.ringedge.testkit.sip.SipMessage response) {
        assertEquals(callId, response.callId(), response.toString());
    }

    private static long count(Reason reason) {
        return system.standalone().edge().edge().counters().count(reason);
    }

    /** An OPTIONS as a PBX sends it, with its own Via sent-by so a UDP answer comes back to it. */
    private static String options(PbxSocket pbx, int edgePort, String callId, String rest) {
        return "OPTIONS sip:ping@127.0.0.1:" + edgePort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + pbx.transport() + " 127.0.0.1:" + pbx.localPort() + ";branch=z9hG4bK"
                + UUID.randomUUID().toString().substring(0, 12) + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:pbx@127.0.0.1>;tag=raw1\r\n"
                + "To: <sip:ping@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + rest;
    }
}
