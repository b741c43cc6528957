package io.ringedge.testkit;

import io.ringedge.testkit.sip.CSeq;
import io.ringedge.testkit.sip.NameAddress;
import io.ringedge.testkit.sip.SipRequest;
import io.ringedge.testkit.sip.SipResponse;
import io.ringedge.testkit.sip.Via;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TestDevice against a real WebSocket SIP peer on Helidon's server: every flow the e2e tests rely on. */
class TestDeviceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private WsSipPeer peer;
    private TestDevice device;

    @BeforeEach
    void connect() throws IOException {
        peer = WsSipPeer.start();
        device = TestDevice.connect(DeviceSettings.of(peer.uri(), "alice", "acme.test", "jwt-token")
                .withPush("fcm", "prid-123", "project-9")
                .withInstanceId("urn:uuid:00000000-0000-0000-0000-00000000abcd"));
    }

    @AfterEach
    void close() {
        device.close();
        peer.close();
    }

    @Test
    void registersWithBearerTokenPushContactAndInstance() {
        SipResponse ok = device.register();
        assertEquals(200, ok.status());
        assertEquals("127.0.0.1", ok.topVia().received().orElseThrow());

        SipRequest register = peer.awaitRequest("REGISTER", WAIT);
        assertEquals("sip:acme.test", register.uri());
        assertEquals("Bearer jwt-token", register.require("Authorization"));
        assertEquals("600", register.require("Expires"));
        Via via = register.topVia();
        assertEquals("WS", via.transport());
        assertTrue(via.host().endsWith(".invalid"), via.host());
        assertTrue(via.branch().orElseThrow().startsWith("z9hG4bK"));
        NameAddress contact = NameAddress.parse(register.require("Contact"));
        assertTrue(contact.uri().matches("sip:[a-z0-9]+@[a-z0-9]+\\.invalid;transport=ws;pn-provider=fcm;"
                + "pn-prid=prid-123;pn-param=project-9"), contact.uri());
        assertEquals("\"<urn:uuid:00000000-0000-0000-0000-00000000abcd>\"", contact.param("+sip.instance").orElseThrow());
        assertEquals("<sip:alice@acme.test>", register.require("To"));
        assertTrue(register.from().tag().isPresent());
    }

    @Test
    void reRegisterKeepsCallIdAndTagAndUnregisterSendsExpiresZero() {
        device.register();
        device.register();
        device.unregister();
        List<SipRequest> registers = peer.log().snapshot().stream()
                .filter(m -> m.direction() == RecordedMessage.Direction.RECEIVED && m.isRequest("REGISTER"))
                .map(m -> (SipRequest) m.message()).toList();
        assertEquals(3, registers.size());
        CSeq first = registers.get(0).cseq();
        assertEquals(first.seq() + 1, registers.get(1).cseq().seq());
        assertEquals(first.seq() + 2, registers.get(2).cseq().seq());
        assertEquals(1, registers.stream().map(SipRequest::callId).distinct().count());
        assertEquals(1, registers.stream().map(r -> r.from().tag().orElseThrow()).distinct().count());
        assertEquals(3, registers.stream().map(r -> r.topVia().branch().orElseThrow()).distinct().count());
        assertEquals("0", registers.get(2).require("Expires"));
    }

    @Test
    void ringsAnswersAndHangsUpWithinTheDialog() {
        device.onInvite(CallBehaviour.answer(Duration.ofMillis(150)));
        SipRequest invite = peer.invite(device.contactUri());
        peer.send(invite);

        peer.awaitResponse(100, "INVITE", WAIT);
        SipResponse ringing = peer.awaitResponse(180, "INVITE", WAIT);
        SipResponse ok = peer.awaitResponse(200, "INVITE", WAIT);
        String toTag = ringing.to().tag().orElseThrow();
        assertEquals(toTag, ok.to().tag().orElseThrow(), "one dialog, one To tag");
        assertEquals(invite.values("Record-Route"), ok.values("Record-Route"));
        assertEquals("127.0.0.1", ok.topVia().received().orElseThrow(), "Via host edge.test is not the peer address");
        assertEquals(invite.values("Via").size(), ok.values("Via").size());
        assertEquals("application/sdp", ok.require("Content-Type"));
        assertTrue(ok.body().contains("m=audio 40000 RTP/AVP 0"), ok.body());
        assertTrue(ok.header("Contact").isPresent());

        peer.send(peer.ack(invite, ok));
        DeviceCall call = device.awaitCall(WAIT).awaitState(CallState.CONFIRMED, WAIT);
        assertEquals(invite.callId(), call.callId());
        assertEquals(invite.body(), call.invite().body());

        SipResponse byeOk = call.hangUp(WAIT);
        assertEquals(200, byeOk.status());
        assertEquals(CallState.TERMINATED, call.state());

        SipRequest bye = peer.awaitRequest("BYE", WAIT);
        assertEquals("sip:edge@127.0.0.1:" + peer.port() + ";transport=ws", bye.uri(), "remote target = INVITE Contact");
        assertEquals(invite.values("Record-Route"), bye.values("Route"), "route set from Record-Route");
        assertEquals(invite.callId(), bye.callId());
        assertEquals(toTag, bye.from().tag().orElseThrow());
        assertEquals(invite.from().tag(), bye.to().tag());
        assertEquals("BYE", bye.cseq().method());
        assertTrue(bye.topVia().branch().orElseThrow().startsWith("z9hG4bK"));
    }

    @Test
    void hangsUpByItselfAfterTheHold() {
        device.onInvite(CallBehaviour.answerThenHangUp(Duration.ZERO, Duration.ofMillis(100)));
        SipRequest invite = peer.invite(device.contactUri());
        peer.send(invite);
        SipResponse ok = peer.awaitResponse(200, "INVITE", WAIT);
        assertTrue(device.messages().stream().noneMatch(m -> m.isRequest("BYE")), "no BYE before the ACK");
        peer.send(peer.ack(invite, ok));
        SipRequest bye = peer.awaitRequest("BYE", WAIT);
        assertEquals(invite.callId(), bye.callId());
        device.awaitCall(WAIT).awaitState(CallState.TERMINATED, WAIT);
        device.awaitResponse(200, WAIT);
    }

    @Test
    void answersBusyWithoutRinging() {
        device.onInvite(CallBehaviour.busy());
        SipRequest invite = peer.invite(device.contactUri());
        peer.send(invite);
        SipResponse busy = peer.awaitResponse(486, "INVITE", WAIT);
        assertTrue(busy.to().tag().isPresent());
        peer.send(peer.ack(invite, busy));
        DeviceCall call = device.awaitCall(WAIT).awaitState(CallState.REJECTED, WAIT);
        assertEquals(486, call.finalStatus().orElseThrow());
        device.awaitRequest("ACK", WAIT);
        assertTrue(peer.log().snapshot().stream().noneMatch(m -> m.isResponse(180)));
    }

    @Test
    void aWebRtcOfferItCannotAnswerGets488WithTheReasonAsWarning() {
        device.onInvite(CallBehaviour.answer(Duration.ofMillis(10)));
        // WebRTC by its transport, ICE and fingerprint, but a codec our peer does not speak
        SipRequest invite = peer.invite(device.contactUri()).withBody("application/sdp", """
                v=0\r
                o=- 1 1 IN IP4 127.0.0.1\r
                s=-\r
                c=IN IP4 127.0.0.1\r
                t=0 0\r
                m=audio 9 UDP/TLS/RTP/SAVPF 18\r
                a=rtpmap:18 G729/8000\r
                a=ice-ufrag:abcd\r
                a=ice-pwd:abcdefghijklmnopqrstuvwx\r
                a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF\r
                a=setup:actpass\r
                a=rtcp-mux\r
                """);
        peer.send(invite);
        SipResponse refused = peer.awaitResponse(488, "INVITE", WAIT);
        peer.send(peer.ack(invite, refused));
        String warning = refused.header("Warning").orElseThrow();
        assertTrue(warning.startsWith("399 testdevice \"") && warning.contains("no PCMU, PCMA or Opus offered"), warning);
        assertEquals(488, device.awaitCall(WAIT).awaitState(CallState.REJECTED, WAIT).finalStatus().orElseThrow());
        assertTrue(device.describeMessages().contains("SIP/2.0 488 Not Acceptable Here (Warning: 399 testdevice"),
                device.describeMessages());
    }

    @Test
    void declinesAfterRinging() {
        device.onInvite(CallBehaviour.reject(603, Duration.ofMillis(100)));
        SipRequest invite = peer.invite(device.contactUri());
        peer.send(invite);
        peer.awaitResponse(180, "INVITE", WAIT);
        SipResponse decline = peer.awaitResponse(603, "INVITE", WAIT);
        peer.send(peer.ack(invite, decline));
        assertEquals(603, device.awaitCall(WAIT).awaitState(CallState.REJECTED, WAIT).finalStatus().orElseThrow());
    }

    @Test
    void cancelBeforeAnswerGets200And487() {
        device.onInvite(CallBehaviour.ringForever());
        SipRequest invite = peer.invite(device.contactUri());
        peer.send(invite);
        SipResponse ringing = peer.awaitResponse(180, "INVITE", WAIT);
        peer.send(peer.cancel(invite));
        SipResponse cancelOk = peer.awaitResponse(200, "CANCEL", WAIT);
        SipResponse terminated = peer.awaitResponse(487, "INVITE", WAIT);
        assertEquals(ringing.to().tag(), terminated.to().tag());
        assertEquals(ringing.to().tag(), cancelOk.to().tag(), "RFC 3261 section 9.2: same To tag");
        peer.send(peer.ack(invite, terminated));
        assertEquals(CallState.CANCELLED, device.awaitCall(WAIT).awaitState(CallState.CANCELLED, WAIT).state());
    }

    @Test
    void byeFromThePeerEndsTheCall() {
        device.onInvite(CallBehaviour.answerNow());
        SipRequest invite = peer.invite(device.contactUri());
        peer.send(invite);
        SipResponse ok = peer.awaitResponse(200, "INVITE", WAIT);
        peer.send(peer.ack(invite, ok));
        DeviceCall call = device.awaitCall(WAIT).awaitState(CallState.CONFIRMED, WAIT);
        peer.send(peer.bye(invite, ok, 8));
        assertEquals(200, peer.awaitResponse(200, "BYE", WAIT).status());
        call.awaitState(CallState.TERMINATED, WAIT);
        device.awaitRequest("BYE", WAIT);
        assertThrows(IllegalStateException.class, () -> call.hangUp(WAIT), "no BYE on an ended call");
    }

    @Test
    void retransmitsTheOkUntilTheAck() {
        // RFC 3261 section 13.3.1.4: 2xx retransmitted (T1, 2*T1, ...) until the ACK arrives
        device.onInvite(CallBehaviour.answerNow());
        SipRequest invite = peer.invite(device.contactUri());
        peer.send(invite);
        SipResponse ok = peer.awaitResponse(200, "INVITE", 2, Duration.ofSeconds(3));
        peer.send(peer.ack(invite, ok));
        device.awaitCall(WAIT).awaitState(CallState.CONFIRMED, WAIT);
    }

    @Test
    void manualAnswerAndBadRequestsGetClearAnswers() {
        SipRequest invite = peer.invite(device.contactUri());
        peer.send(invite);
        DeviceCall call = device.awaitCall(WAIT).awaitState(CallState.RINGING, WAIT);
        call.answer();
        assertEquals(200, call.finalStatus().orElseThrow());

        peer.sendRaw("this is not SIP");
        device.awaitReceived(m -> m.message() == null, WAIT, "the garbage frame");
        peer.send(new SipRequest("FOO", "sip:x@y")
                .with("Via", "SIP/2.0/WS 127.0.0.1;branch=z9hG4bKfoo").with("From", "<sip:a@b>;tag=1")
                .with("To", "<sip:x@y>").with("Call-ID", "foo").with("CSeq", "1 FOO"));
        assertEquals(501, peer.log().awaitNth(m -> m.message() instanceof SipResponse r && r.status() == 501,
                1, WAIT, "501").message() instanceof SipResponse r ? r.status() : 0);
        peer.send(peer.invite(device.contactUri()).without("Contact"));
        SipResponse bad = peer.awaitResponse(400, "INVITE", WAIT);
        assertTrue(bad.reason().contains("Contact"), bad.reason());
        peer.send(peer.invite(device.contactUri()).replacing("Contact", "<sip:unclosed@x"));
        SipResponse badContact = peer.awaitResponse(400, "INVITE", 2, WAIT);
        assertTrue(badContact.reason().contains("bad Contact"), badContact.reason());
        peer.send(peer.invite(device.contactUri()).with("Require", "100rel"));
        assertEquals("100rel", peer.awaitResponse(420, "INVITE", WAIT).require("Unsupported"));
        assertEquals(1, device.calls().size(), "none of the bad INVITEs became a call");
        peer.send(new SipRequest("BYE", "sip:x@y")
                .with("Via", "SIP/2.0/WS 127.0.0.1;branch=z9hG4bKbye").with("From", "<sip:a@b>;tag=1")
                .with("To", "<sip:x@y>;tag=nope").with("Call-ID", "unknown").with("CSeq", "1 BYE"));
        assertEquals(481, peer.awaitResponse(481, "BYE", WAIT).status());
        peer.send(new SipRequest("OPTIONS", "sip:x@y")
                .with("Via", "SIP/2.0/WS 127.0.0.1;branch=1234").with("From", "<sip:a@b>;tag=1")
                .with("To", "<sip:x@y>").with("Call-ID", "o").with("CSeq", "1 OPTIONS"));
        SipResponse noCookie = peer.awaitResponse(400, "OPTIONS", WAIT);
        assertTrue(noCookie.reason().contains("z9hG4bK"), noCookie.reason());
    }

    @Test
    void answersACrlfPingWithAPong() {
        peer.sendRaw("\r\n\r\n");
        peer.awaitRaw("\r\n", WAIT);
        device.register();
        assertTrue(device.messages().stream().noneMatch(m -> m.sip().isEmpty() && !m.text().isBlank()),
                "a keep-alive is not garbage");
    }

    @Test
    void sendsRawTextFrames() {
        device.sendRaw("garbage \u0000 not sip");
        peer.awaitRaw("garbage \u0000 not sip", WAIT);
        RecordedMessage sent = device.messages().getLast();
        assertEquals(RecordedMessage.Direction.SENT, sent.direction());
        assertTrue(sent.sip().isEmpty());
    }

    @Test
    void timeoutsFailWithWhatWasSeen() {
        AssertionError e = assertThrows(AssertionError.class, () -> device.awaitRequest("INVITE", Duration.ofMillis(50)));
        assertTrue(e.getMessage().contains("INVITE"), e.getMessage());
        assertThrows(AssertionError.class, () -> device.awaitCall(Duration.ofMillis(50)));
    }

    @Test
    void noticesWhenTheServerClosesTheSocket() {
        device.register();
        peer.closeSession();
        assertEquals(1000, device.awaitClosed(WAIT));
        assertFalse(device.isOpen());
    }

    @Test
    void aRequestPendingWhenTheServerClosesFailsAtOnce() {
        SipRequest options = new SipRequest("OPTIONS", "sip:acme.test").with("Via", "SIP/2.0/WS x.invalid;branch=z9hG4bKopt")
                .with("From", "<sip:alice@acme.test>;tag=1").with("To", "<sip:acme.test>").with("Call-ID", "opt-1")
                .with("CSeq", "1 OPTIONS").with("Max-Forwards", "70");
        var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> device.send(options));
        peer.awaitRequest("OPTIONS", WAIT);
        peer.closeSession();
        var failure = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> pending.get(2, java.util.concurrent.TimeUnit.SECONDS), "fails well before the 5 s timeout");
        assertTrue(failure.getCause().getMessage().contains("WebSocket closed"), failure.getCause().getMessage());
    }

    @Test
    void refusesAServerThatDoesNotSpeakSip() {
        try (WsSipPeer plain = WsSipPeer.withoutSubprotocol()) {
            IOException e = assertThrows(IOException.class, () -> TestDevice.connect(
                    DeviceSettings.of(plain.uri(), "bob", "acme.test", null)));
            assertTrue(e.getMessage().contains("subprotocol"), e.getMessage());
        }
    }

    @Test
    void closingLeavesNoThreads() throws IOException, InterruptedException {
        // JDK HttpClient names its selector thread HttpClient-<client id>-SelectorManager: carol's is a new id
        java.util.Set<String> clientsBefore = httpClientIds();
        TestDevice other = TestDevice.connect(DeviceSettings.of(peer.uri(), "carol", "acme.test", "t"));
        assertEquals(200, other.register().status());
        assertFalse(liveThreads("testdevice-carol").isEmpty());
        other.close();
        // an executor reports termination just before its last thread returns: give it that moment
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!liveThreads("testdevice-carol").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of(), liveThreads("testdevice-carol"), "SIP and WebSocket threads joined by close()");
        java.util.Set<String> newClients = httpClientIds();
        newClients.removeAll(clientsBefore);
        while (!newClients.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            newClients = httpClientIds();
            newClients.removeAll(clientsBefore);
        }
        assertEquals(java.util.Set.of(), newClients, "the device's HttpClient stopped");
        assertNotEquals(device.contactUri(), other.contactUri(), "each device its own random contact");
    }

    private static java.util.Set<String> httpClientIds() {
        return liveThreads("HttpClient-").stream().map(n -> n.split("-")[1])
                .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
    }

    private static List<String> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith(prefix)).toList();
    }
}
