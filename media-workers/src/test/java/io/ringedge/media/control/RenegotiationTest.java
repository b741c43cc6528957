package io.ringedge.media.control;

import io.ringedge.media.Audio;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.codec.g711.G711;
import io.ringedge.media.dtls.DtlsSetup;
import io.ringedge.media.ice.IceCredentials;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.sdp.SdpFixtures;
import io.ringedge.media.sdp.SessionDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ringedge.media.control.internal.ControlJson;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.DatagramPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.ringedge.media.control.ControlApiTest.ok;
import static io.ringedge.media.control.ControlApiTest.parse;
import static io.ringedge.media.control.ControlApiTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mid-call offer/answer on live loopback calls (our WebRTC stack as the browser, UDP sockets as
 * the PBX): an ICE restart answered by the worker with audio flowing on the new credentials, hold
 * and resume from either leg relayed to the other and gating the media, a PBX that moves, and the
 * refusals of what cannot change mid-call.
 */
class RenegotiationTest {
    private static final int TONE = 1000;
    private static final int AMPLITUDE = 8000;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private MediaControlClient client;
    private java.net.URI url;
    private MediaConfig browserConfig;

    private record Call(String sessionId, LoopbackBrowser browser, LoopbackPbx pbx, int workerPbxPort,
                        SessionDescription workerOffer) {
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closeables.reversed()) {
            closeable.close();
        }
        MediaThreads.assertNoneAlive();
    }

    /**
     * RFC 8445 §9: the device offers new ufrag/pwd; the worker answers with new credentials of its
     * own and the same fingerprint, keeps DTLS and SRTP, and audio flows both ways afterwards. Consent
     * checks run every 100 ms and lapse after 1.5 s: the call outliving that shows consent is
     * renewed with the new credentials (the browser drops checks under the old ones).
     */
    @Test
    void iceRestartFromTheDevice_isAnsweredByTheWorker_andAudioFlowsAfterIt() throws Exception {
        start(Map.of(MediaConfig.CONSENT_INTERVAL, "PT0.1S", MediaConfig.CONSENT_TIMEOUT, "PT1.5S"));
        Call call = call();
        String oldUfrag = call.workerOffer().attribute(call.workerOffer().media().get(0), "ice-ufrag").orElseThrow();

        IceCredentials fresh = IceCredentials.random();
        SessionOffered answer = ok(client.offer(url, call.sessionId(), "device",
                call.browser().reoffer(SdpFixtures.CHROME_ANSWER_PCMU, fresh, "sendrecv")).get());
        assertEquals("device", answer.sendTo());
        assertTrue(answer.isAnswer(), "an ICE restart stays on the device leg: " + answer);
        SessionDescription sdp = parse(answer.sdp());
        var audio = sdp.media().get(0);
        assertNotEquals(oldUfrag, sdp.attribute(audio, "ice-ufrag").orElseThrow(), "new credentials of ours");
        assertEquals(call.workerOffer().attribute(call.workerOffer().media().get(0), "fingerprint"),
                sdp.attribute(audio, "fingerprint"), "the same certificate: DTLS carries on");
        assertEquals("passive", sdp.attribute(audio, "setup").orElseThrow(), "the browser stays the DTLS client");
        assertEquals("2", sdp.origin().sessionVersion(), "RFC 3264 §8: a new version of the session");
        call.browser().restartIce(fresh, sdp);

        Thread.sleep(2500); // past the consent timeout
        SessionStats stats = ok(client.stats(url, call.sessionId()).get());
        assertEquals("connected", stats.state(), stats.toString());
        assertEquals(sdp.attribute(audio, "ice-ufrag").orElseThrow(), stats.deviceLeg().iceUfrag());
        call.browser().rtp.clear();
        int heard = toneFromPbx(call);
        assertTrue(heard > 40, "the browser hears the PBX after the restart: " + heard + " " + call.browser().events
                + " " + ok(client.stats(url, call.sessionId()).get()));
        heard = toneFromBrowser(call);
        assertTrue(heard > 40, "the PBX hears the browser after the restart: " + heard + " " + call.browser().events
                + " " + ok(client.stats(url, call.sessionId()).get()));
        assertEquals("connected", ok(client.stats(url, call.sessionId()).get()).state());
    }

    /**
     * RFC 3264 §8.4: the device puts the call on hold (sendonly); the worker offers the PBX sendonly,
     * the PBX answers recvonly, the device gets recvonly. PBX audio no longer reaches the device, the
     * device's still reaches the PBX, and the PBX's silence is no media timeout. Resuming restores both.
     */
    @Test
    void holdAndResumeFromTheDevice_areOfferedToThePbx_andGateTheMedia() throws Exception {
        start(Map.of(MediaConfig.MEDIA_TIMEOUT, "PT2S"));
        Call call = call();
        IceCredentials same = credentials(parse(call.browser().answer(SdpFixtures.CHROME_ANSWER_PCMU)));

        SessionOffered toPbx = ok(client.offer(url, call.sessionId(), "device",
                call.browser().reoffer(SdpFixtures.CHROME_ANSWER_PCMU, same, "sendonly")).get());
        assertEquals("pbx", toPbx.sendTo());
        assertFalse(toPbx.isAnswer());
        assertTrue(toPbx.sdp().contains("a=sendonly") && toPbx.sdp().contains("RTP/AVP 0 101"), toPbx.sdp());
        assertFalse(toPbx.sdp().contains("ice-") || toPbx.sdp().contains("fingerprint"), toPbx.sdp());
        assertEquals(409, refused(client.offer(url, call.sessionId(), "pbx", pbxOffer(call, "sendrecv")).get())
                .httpStatus(), "one offer at a time: the edge answers 491");
        SessionOffered toDevice = ok(client.answerOffer(url, call.sessionId(), "pbx",
                pbxOffer(call, "recvonly")).get());
        assertEquals("device", toDevice.sendTo());
        assertTrue(toDevice.isAnswer() && toDevice.sdp().contains("a=recvonly"), toDevice.sdp());

        call.browser().rtp.clear();
        assertEquals(0, toneFromPbx(call), "on hold: the PBX's audio does not reach the device");
        assertTrue(toneFromBrowser(call) > 40, "the device still reaches the PBX");
        Thread.sleep(700); // the PBX silent for over 2 s by now: on hold, that is no timeout
        assertEquals("connected", ok(client.stats(url, call.sessionId()).get()).state());

        ok(client.offer(url, call.sessionId(), "device",
                call.browser().reoffer(SdpFixtures.CHROME_ANSWER_PCMU, same, "sendrecv")).get());
        SessionOffered resumed = ok(client.answerOffer(url, call.sessionId(), "pbx", pbxOffer(call, "sendrecv")).get());
        assertTrue(resumed.sdp().contains("a=sendrecv"), resumed.sdp());
        call.browser().rtp.clear();
        assertTrue(toneFromPbx(call) > 40, "resumed: the device hears the PBX again");
    }

    /** The PBX holds (sendonly): the device is offered sendonly over the same ICE and DTLS, and answers recvonly. */
    @Test
    void holdFromThePbx_isOfferedToTheDevice() throws Exception {
        start(Map.of());
        Call call = call();
        SessionOffered toDevice = ok(client.offer(url, call.sessionId(), "pbx", pbxOffer(call, "sendonly")).get());
        assertEquals("device", toDevice.sendTo());
        assertFalse(toDevice.isAnswer());
        SessionDescription offer = parse(toDevice.sdp());
        var audio = offer.media().get(0);
        assertTrue(toDevice.sdp().contains("a=sendonly"), toDevice.sdp());
        assertEquals(call.workerOffer().attribute(call.workerOffer().media().get(0), "ice-ufrag"),
                offer.attribute(audio, "ice-ufrag"), "no ICE restart");
        assertEquals("passive", offer.attribute(audio, "setup").orElseThrow(), "our DTLS role is kept");
        IceCredentials same = credentials(parse(call.browser().answer(SdpFixtures.CHROME_ANSWER_PCMU)));
        SessionOffered toPbx = ok(client.answerOffer(url, call.sessionId(), "device",
                call.browser().reoffer(SdpFixtures.CHROME_ANSWER_PCMU, same, "recvonly")
                        .replace("a=setup:actpass", "a=setup:active")).get());
        assertEquals("pbx", toPbx.sendTo());
        assertTrue(toPbx.isAnswer() && toPbx.sdp().contains("a=recvonly"), toPbx.sdp());
        assertTrue(toneFromPbx(call) > 40, "music on hold still reaches the device");
    }

    /**
     * RFC 3264 §8.3.1: a PBX re-offer with a new port is answered at once; media goes there and is
     * taken from there (the latch starts afresh, as at the start of a call).
     */
    @Test
    void pbxOfferFromANewAddress_isAnsweredLocally_andMediaRelatches() throws Exception {
        start(Map.of());
        Call call = call();
        toneFromPbx(call); // latched to the first socket
        LoopbackPbx moved = new LoopbackPbx(0x0C0C0C0C); // its new media server: a new RTP stream
        closeables.add(moved);
        SessionOffered answer = ok(client.offer(url, call.sessionId(), "pbx",
                LoopbackPbx.offer(SdpFixtures.ASTERISK_OFFER, moved.socket.getLocalPort())).get());
        assertEquals("pbx", answer.sendTo());
        assertTrue(answer.isAnswer() && answer.sdp().contains("m=audio " + call.workerPbxPort() + " RTP/AVP 0 101"),
                answer.sdp());
        CompletableFuture<List<byte[]>> atNewPort = CompletableFuture.supplyAsync(() -> {
            try {
                return moved.receive(1500);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        for (int i = 0; i < 30; i++) {
            call.browser().send(0, pcmu(i), 160);
            Thread.sleep(20);
        }
        assertTrue(atNewPort.get().size() > 20, "the device's audio goes to the PBX's new address");
        call.browser().rtp.clear();
        Call movedCall = new Call(call.sessionId(), call.browser(), moved, call.workerPbxPort(), call.workerOffer());
        assertTrue(toneFromPbx(movedCall) > 40, "the PBX's audio from its new address reaches the device");
    }

    @Test
    void whatCannotChangeMidCall_isRefusedWithAReason() throws Exception {
        start(Map.of());
        assertEquals(404, refused(client.offer(url, "nope", "device", "v=0").get()).httpStatus());
        LoopbackPbx pbx = new LoopbackPbx();
        closeables.add(pbx);
        SessionCreated unanswered = ok(client.createSession(url, "call-x",
                LoopbackPbx.offer(SdpFixtures.ASTERISK_OFFER, pbx.socket.getLocalPort())).get());
        ControlResult.Refused<SessionOffered> early = refused(client.offer(url, unanswered.sessionId(), "pbx",
                LoopbackPbx.offer(SdpFixtures.ASTERISK_OFFER, pbx.socket.getLocalPort())).get());
        assertEquals("not-answered", early.error().error());

        Call call = call();
        IceCredentials same = credentials(parse(call.browser().answer(SdpFixtures.CHROME_ANSWER_PCMU)));
        String reoffer = call.browser().reoffer(SdpFixtures.CHROME_ANSWER_PCMU, same, "sendrecv");
        assertEquals(400, refused(client.offer(url, call.sessionId(), "phone", reoffer).get()).httpStatus());
        assertEquals(400, refused(client.offer(url, call.sessionId(), "device", "garbage").get()).httpStatus());
        ControlResult.Refused<SessionOffered> newCertificate = refused(client.offer(url, call.sessionId(), "device",
                reoffer.replaceAll("a=fingerprint:sha-256 [0-9A-F:]+", "a=fingerprint:sha-256 "
                        + "0B:5E:3A:91:C4:7D:12:88:AF:60:31:9E:D2:44:7B:C3:55:E0:1F:6A:8D:B2:93:4C:71:05:E8:3F:A6:29:D0:17"))
                .get());
        assertEquals(422, newCertificate.httpStatus());
        assertEquals(488, newCertificate.error().sipStatus());
        assertEquals("DEVICE", newCertificate.error().leg());
        ControlResult.Refused<SessionOffered> newCodec = refused(client.offer(url, call.sessionId(), "pbx",
                pbxOffer(call, "sendrecv").replace("RTP/AVP 0 8 101", "RTP/AVP 8 101")).get());
        assertEquals(488, newCodec.error().sipStatus());
        assertTrue(newCodec.error().reason().contains("PCMU"), newCodec.error().reason());
        assertEquals("no-offer-pending", refused(client.answerOffer(url, call.sessionId(), "pbx",
                pbxOffer(call, "sendrecv")).get()).error().error());

        // the PBX refuses the worker's offer (e.g. 488): abandoned, the call carries on as it was
        ok(client.offer(url, call.sessionId(), "device", reoffer.replace("a=sendrecv", "a=sendonly")).get());
        assertEquals("wrong-leg", refused(client.answerOffer(url, call.sessionId(), "device", reoffer).get())
                .error().error());
        ok(client.abandonOffer(url, call.sessionId()).get());
        assertTrue(ok(client.offer(url, call.sessionId(), "pbx", pbxOffer(call, "sendrecv")).get()).isAnswer());
        assertTrue(toneFromPbx(call) > 40, "media unchanged");

        // the wire shape, as documented: {sendTo, type, sdp}; a bad leg is a 400 that says why
        try (HttpClient raw = HttpClient.newHttpClient()) {
            String body = ControlJson.mapper().writeValueAsString(new OfferRequest("pbx", pbxOffer(call, "sendrecv")));
            HttpResponse<String> answer = raw.send(HttpRequest.newBuilder(url.resolve("/v1/sessions/" + call.sessionId()
                    + "/offer")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            assertEquals(List.of("sendTo", "type", "sdp"), fieldNames(answer.body()));
            assertTrue(answer.body().startsWith("{\"sendTo\":\"pbx\",\"type\":\"answer\""), answer.body());
            HttpResponse<String> badLeg = raw.send(HttpRequest.newBuilder(url.resolve("/v1/sessions/" + call.sessionId()
                    + "/offer")).POST(HttpRequest.BodyPublishers.ofString("{\"leg\":\"phone\",\"sdp\":\"v=0\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, badLeg.statusCode());
            assertTrue(badLeg.body().contains("leg: must be"), badLeg.body());
        }
    }

    private static List<String> fieldNames(String json) throws IOException {
        List<String> names = new ArrayList<>();
        ControlJson.mapper().readTree(json).fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---- set-up ----

    private void start(Map<String, String> extra) throws IOException {
        LoopbackWorker worker = LoopbackWorker.start("worker-renegotiation-test", 5, 1, extra);
        closeables.add(worker);
        client = worker.client;
        url = worker.url();
        browserConfig = worker.browserConfig;
    }

    /** A connected PCMU call whose PBX's SDP names its real socket; the browser is the DTLS client. */
    private Call call() throws Exception {
        LoopbackPbx pbx = new LoopbackPbx();
        closeables.add(pbx);
        LoopbackBrowser browser = new LoopbackBrowser(browserConfig);
        closeables.add(browser);
        SessionCreated created = ok(client.createSession(url, "call-" + closeables.size(),
                LoopbackPbx.offer(SdpFixtures.ASTERISK_OFFER, pbx.socket.getLocalPort())).get());
        SessionDescription workerOffer = parse(created.deviceOffer());
        SessionAnswered answered = ok(client.answer(url, created.sessionId(),
                browser.answer(SdpFixtures.CHROME_ANSWER_PCMU)).get());
        int workerPbxPort = parse(answered.pbxAnswer()).media().get(0).port();
        browser.start(workerOffer, DtlsSetup.ACTIVE);
        browser.awaitConnected(10);
        return new Call(created.sessionId(), browser, pbx, workerPbxPort, workerOffer);
    }

    private static String pbxOffer(Call call, String direction) {
        return LoopbackPbx.offer(SdpFixtures.ASTERISK_OFFER, call.pbx().socket.getLocalPort())
                .replace("a=sendrecv", "a=" + direction);
    }

    private static IceCredentials credentials(SessionDescription sdp) {
        var audio = sdp.media().get(0);
        return new IceCredentials(sdp.attribute(audio, "ice-ufrag").orElseThrow(),
                sdp.attribute(audio, "ice-pwd").orElseThrow());
    }

    // ---- media ----

    private static byte[] pcmu(int frame) {
        byte[] payload = new byte[160];
        G711.PCMU.encode(Audio.tone(TONE, AMPLITUDE, 8000, frame * 160L, 160), 0, payload, 0, 160);
        return payload;
    }

    /** The PBX sends 50 tone frames; how many loud frames of the tone the browser got. */
    private static int toneFromPbx(Call call) throws Exception {
        for (int i = 0; i < 50; i++) {
            call.pbx().send(0, pcmu(i), call.workerPbxPort());
            Thread.sleep(20);
        }
        int loud = 0;
        for (byte[] p = call.browser().rtp.poll(500, TimeUnit.MILLISECONDS); p != null;
             p = call.browser().rtp.poll(200, TimeUnit.MILLISECONDS)) {
            loud += isTone(p) ? 1 : 0;
        }
        return loud;
    }

    /** The browser sends 50 tone frames; how many loud frames of the tone reached the PBX. */
    private static int toneFromBrowser(Call call) throws Exception {
        drainPbx(call.pbx());
        CompletableFuture<List<byte[]>> received = CompletableFuture.supplyAsync(() -> {
            try {
                return call.pbx().receive(1500);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        for (int i = 0; i < 50; i++) {
            call.browser().send(0, pcmu(i), 160);
            Thread.sleep(20);
        }
        return (int) received.get().stream().filter(RenegotiationTest::isTone).count();
    }

    private static boolean isTone(byte[] packet) {
        int length = RtpHeader.payloadLength(packet, 0, packet.length);
        short[] pcm = new short[length];
        G711.PCMU.decode(packet, RtpHeader.headerLength(packet, 0), pcm, 0, length);
        double wanted = Audio.goertzel(pcm, 0, length, TONE, 8000);
        return length == 160 && wanted > AMPLITUDE * (double) AMPLITUDE / 16;
    }

    private static void drainPbx(LoopbackPbx pbx) throws IOException {
        pbx.socket.setSoTimeout(1);
        byte[] buf = new byte[1500];
        try {
            while (true) {
                pbx.socket.receive(new DatagramPacket(buf, buf.length));
            }
        } catch (java.net.SocketTimeoutException e) {
            // nothing older is left to mistake for what comes next
        }
    }
}
