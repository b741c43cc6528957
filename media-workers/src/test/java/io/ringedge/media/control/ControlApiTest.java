package io.ringedge.media.control;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.media.sdp.Fingerprint;
import io.ringedge.media.sdp.MediaDescription;
import io.ringedge.media.sdp.MediaMode;
import io.ringedge.media.sdp.SdpFixtures;
import io.ringedge.media.sdp.SdpParseResult;
import io.ringedge.media.sdp.SdpParser;
import io.ringedge.media.sdp.SessionDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control API over real HTTP, on a real server with real UDP sockets, one server per test. */
class ControlApiTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate();
    // The fixtures with every address on loopback: answered sessions really run ICE and RTP, and
    // this machine may send nowhere else. Ports stay as captured.
    static final String ASTERISK_OFFER = LoopbackPbx.offer(SdpFixtures.ASTERISK_OFFER, 14562);
    static final String FREESWITCH_SDES_OFFER = LoopbackPbx.offer(SdpFixtures.FREESWITCH_SDES_OFFER, 24772);
    static final String CHROME_ANSWER_PCMU = onLoopback(SdpFixtures.CHROME_ANSWER_PCMU);
    static final String CHROME_ANSWER_OPUS = onLoopback(SdpFixtures.CHROME_ANSWER_OPUS);
    static final Fingerprint FINGERPRINT = Fingerprint.sha256(CERTIFICATE.fingerprint().sha256());

    private final ThreadCheck threads = new ThreadCheck();
    private ControlPlane plane;
    private MediaControlClient client;
    private URI url;

    @BeforeEach
    void start() throws IOException {
        threads.snapshot();
        startPlane(FreePorts.evenBlock(40), FreePorts.block(20), 10);
    }

    private void startPlane(int pbxFirst, int deviceFirst, int pbxPairs) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "media.worker-id", "worker-test",
                "media.bind-address", "127.0.0.1",
                "media.pbx-port-range", pbxFirst + "-" + (pbxFirst + 2 * pbxPairs - 1),
                "media.device-port-range", deviceFirst + "-" + (deviceFirst + 19),
                "media.control.port", "0",
                "media.capacity", Integer.toString(Math.min(pbxPairs, 5))));
        MediaConfig config = MediaConfig.from(Config.just(ConfigSources.create(keys)));
        plane = ControlPlane.start(config, CERTIFICATE, Clock.systemUTC());
        client = new MediaControlClient(Duration.ofSeconds(2), Duration.ofSeconds(5));
        url = plane.url();
    }

    @AfterEach
    void stop() {
        client.close();
        plane.close();
        threads.assertNoneLeaked();
    }

    @Test
    void createAnswerQueryDelete() throws Exception {
        SessionCreated created = ok(client.createSession(url, "call-1", ASTERISK_OFFER).get());
        MediaDescription offer = parse(created.deviceOffer()).media().get(0);
        assertEquals("UDP/TLS/RTP/SAVPF", offer.proto());
        assertEquals(FINGERPRINT, Fingerprint.parse(offer.attribute("fingerprint").orElseThrow()));
        assertEquals("127.0.0.1", offer.candidates().get(0).address());
        assertEquals(offer.port(), offer.candidates().get(0).port());
        int devicePort = offer.port();
        assertPortTaken(devicePort);

        SessionAnswered answered = ok(client.answer(url, created.sessionId(), CHROME_ANSWER_PCMU).get());
        assertEquals(MediaMode.PASS_THROUGH, answered.mode());
        MediaDescription pbxAudio = parse(answered.pbxAnswer()).media().get(0);
        assertEquals("RTP/AVP", pbxAudio.proto());
        int pbxPort = pbxAudio.port();
        assertEquals(0, pbxPort % 2, "RTP on an even port");
        assertPortTaken(pbxPort);
        assertPortTaken(pbxPort + 1);

        SessionStats stats = ok(client.stats(url, created.sessionId()).get());
        assertEquals("answered", stats.state());
        assertEquals("call-1", stats.callId());
        assertEquals("PASS_THROUGH", stats.mode());
        assertEquals("PCMU/8000", stats.pbxLeg().codec());
        assertEquals(pbxPort, stats.pbxLeg().rtpPort());
        assertEquals(14562, stats.pbxLeg().remoteRtpPort());
        assertEquals(devicePort, stats.deviceLeg().port());
        assertEquals("server", stats.deviceLeg().dtlsRole());
        assertEquals(1, ok(client.health(url).get()).sessions());

        ok(client.delete(url, created.sessionId()).get());
        assertPortFree(devicePort);
        assertPortFree(pbxPort);
        assertPortFree(pbxPort + 1);
        assertEquals(404, refused(client.stats(url, created.sessionId()).get()).httpStatus());
        assertEquals(new WorkerHealth("worker-test", 0, 5), ok(client.health(url).get()));
    }

    @Test
    void opusAnswerTranscodesAndSdesOfferGetsCrypto() throws Exception {
        SessionCreated created = ok(client.createSession(url, "call-2", FREESWITCH_SDES_OFFER).get());
        SessionAnswered answered = ok(client.answer(url, created.sessionId(), CHROME_ANSWER_OPUS).get());
        assertEquals(MediaMode.TRANSCODE, answered.mode());
        MediaDescription audio = parse(answered.pbxAnswer()).media().get(0);
        assertEquals("RTP/SAVP", audio.proto());
        assertEquals(4, audio.cryptos().get(0).tag());
        assertFalse(audio.has("fingerprint") || audio.has("ice-ufrag") || audio.has("rtcp-mux"));
        SessionStats stats = ok(client.stats(url, created.sessionId()).get());
        assertEquals("AES_CM_128_HMAC_SHA1_32", stats.pbxLeg().srtpProfile());
        assertEquals("opus/48000", stats.deviceLeg().codec());
        assertEquals("client", stats.deviceLeg().dtlsRole());
    }

    @Test
    void secondAnswerIsAConflict() throws Exception {
        SessionCreated created = ok(client.createSession(url, "call-3", ASTERISK_OFFER).get());
        ok(client.answer(url, created.sessionId(), CHROME_ANSWER_PCMU).get());
        ControlResult.Refused<SessionAnswered> again = refused(
                client.answer(url, created.sessionId(), CHROME_ANSWER_OPUS).get());
        assertEquals(409, again.httpStatus());
        assertEquals("already-answered", again.error().error());
    }

    @Test
    void badSdpIs400WithTheParseReason() throws Exception {
        ControlResult.Refused<SessionCreated> r = refused(client.createSession(url, "call-4", "hello").get());
        assertEquals(400, r.httpStatus());
        assertEquals("bad-sdp", r.error().error());
        assertEquals("pbxOffer: SDP must start with v=", r.error().reason());

        String huge = ASTERISK_OFFER + ("a=x-pad:" + "y".repeat(1000) + "\r\n").repeat(70);
        ControlResult.Refused<SessionCreated> big = refused(client.createSession(url, "call-4", huge).get());
        assertEquals(400, big.httpStatus());
        assertTrue(big.error().reason().contains("larger than 65536 bytes"), big.error().reason());

        SessionCreated created = ok(client.createSession(url, "call-4", ASTERISK_OFFER).get());
        ControlResult.Refused<SessionAnswered> badAnswer = refused(client.answer(url, created.sessionId(),
                CHROME_ANSWER_PCMU.replace("a=setup:active", "a=setup:sideways")).get());
        assertEquals(400, badAnswer.httpStatus());
        assertTrue(badAnswer.error().reason().startsWith("deviceAnswer: line "), badAnswer.error().reason());
        assertEquals("offered", ok(client.stats(url, created.sessionId()).get()).state());
    }

    @Test
    void noCommonCodecIs422With488NamingTheLeg() throws Exception {
        String g729 = ASTERISK_OFFER.replace("RTP/AVP 0 8 101", "RTP/AVP 18 101")
                .replace("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:18 G729/8000\r\n");
        ControlResult.Refused<SessionCreated> r = refused(client.createSession(url, "call-5", g729).get());
        assertEquals(422, r.httpStatus());
        assertEquals(new ControlError("not-acceptable", r.error().reason(), 488, "PBX"), r.error());
        assertTrue(r.error().reason().startsWith("PBX leg: no supported codec"), r.error().reason());
        assertEquals(0, ok(client.health(url).get()).sessions(), "a refused offer keeps no session");

        SessionCreated created = ok(client.createSession(url, "call-5", ASTERISK_OFFER).get());
        ControlResult.Refused<SessionAnswered> device = refused(client.answer(url, created.sessionId(),
                CHROME_ANSWER_PCMU.replace("m=audio 9 ", "m=audio 0 ")).get());
        assertEquals(422, device.httpStatus());
        assertEquals(488, device.error().sipStatus());
        assertEquals("DEVICE", device.error().leg());
    }

    @Test
    void unknownSessionIs404() throws Exception {
        assertEquals(404, refused(client.stats(url, "nope").get()).httpStatus());
        assertEquals("unknown-session", refused(client.delete(url, "nope").get()).error().error());
        assertEquals(404, refused(client.answer(url, "nope", CHROME_ANSWER_PCMU).get()).httpStatus());
    }

    @Test
    void aSessionDeletedBeforeItsCreationArrivedIsNeverCreated() throws Exception {
        String id = SessionIds.newId();
        assertEquals(404, refused(client.delete(url, id).get()).httpStatus());
        ControlResult.Refused<SessionCreated> gone = refused(
                client.createSession(url, id, "call-late", ASTERISK_OFFER, null).get());
        assertEquals(410, gone.httpStatus());
        assertEquals("session-deleted", gone.error().error());
        assertEquals(0, ok(client.health(url).get()).sessions());
    }

    @Test
    void aSessionIdIsCreatedOnce() throws Exception {
        String id = SessionIds.newId();
        assertEquals(id, ok(client.createSession(url, id, "call-once", ASTERISK_OFFER, null).get()).sessionId());
        ControlResult.Refused<SessionCreated> again = refused(
                client.createSession(url, id, "call-twice", ASTERISK_OFFER, null).get());
        assertEquals(409, again.httpStatus());
        assertEquals("session-exists", again.error().error());
    }

    @Test
    void malformedRequestsAre400NotServerErrors() throws Exception {
        try (HttpClient raw = HttpClient.newHttpClient()) {
            String create = "/v1/sessions/" + SessionIds.newId();
            assertRaw(raw, "PUT", create, "{not json", 400, "bad-request");
            assertRaw(raw, "PUT", create, "[]", 400, "bad-request");
            assertRaw(raw, "PUT", create, "null", 400, "bad-request");
            assertRaw(raw, "PUT", create, "", 400, "bad-request");
            assertRaw(raw, "PUT", create, "{\"pbxOffer\":\"v=0\"}", 400, "callId: required");
            assertRaw(raw, "PUT", create, "{\"callId\":\"c\"}", 400, "pbxOffer: required");
            assertRaw(raw, "PUT", create, "{\"callId\":\"c\",\"pbxOffer\":42}", 400, "bad-sdp");
            assertRaw(raw, "PUT", "/v1/sessions/guessable", "{\"callId\":\"c\",\"pbxOffer\":\"v=0\"}", 400,
                    "session id: must be 22..64 of [A-Za-z0-9_-]");
            assertRaw(raw, "POST", "/v1/sessions/x/answer", "{}", 400, "deviceAnswer: required");
            HttpResponse<String> tooBig = raw.send(HttpRequest.newBuilder(url.resolve(create))
                    .PUT(HttpRequest.BodyPublishers.ofString("x".repeat(300 * 1024))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, tooBig.statusCode());
        }
    }

    @Test
    @SuppressWarnings("try") // the squatter only has to hold its port
    void capacityAndPortExhaustionAre503() throws Exception {
        client.close();
        plane.close();
        // two RTP/RTCP pairs, capacity 2; another process holds the second pair's RTCP port
        int pbxFirst = FreePorts.evenBlock(4);
        startPlane(pbxFirst, FreePorts.block(20), 2);
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(LOOPBACK, pbxFirst + 3))) {
            ok(client.createSession(url, "call-a", ASTERISK_OFFER).get());
            ControlResult.Refused<SessionCreated> exhausted = refused(
                    client.createSession(url, "call-b", ASTERISK_OFFER).get());
            assertEquals(503, exhausted.httpStatus());
            assertEquals("no-capacity", exhausted.error().error());
            assertTrue(exhausted.error().reason().contains("no free RTP/RTCP port pair"), exhausted.error().reason());
        }
        ok(client.createSession(url, "call-b", ASTERISK_OFFER).get());
        ControlResult.Refused<SessionCreated> full = refused(
                client.createSession(url, "call-c", ASTERISK_OFFER).get());
        assertEquals(503, full.httpStatus());
        assertEquals("at capacity (2 sessions)", full.error().reason());
    }

    @Test
    void unreachableWorkerIsAValue() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = probe.getLocalPort();
        }
        ControlResult<WorkerHealth> result = client.health(URI.create("http://127.0.0.1:" + closedPort)).get();
        assertInstanceOf(ControlResult.Unreachable.class, result);
    }

    @Test
    void silentWorkerTimesOutAsAValue() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, LOOPBACK);
             MediaControlClient impatient = new MediaControlClient(Duration.ofSeconds(1), Duration.ofMillis(300))) {
            // accepts the connection (backlog) but never answers
            ControlResult<SessionCreated> result = impatient.createSession(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort()), "call-t", ASTERISK_OFFER).get();
            String reason = assertInstanceOf(ControlResult.Unreachable.class, result).reason();
            assertTrue(reason.contains("PUT http://127.0.0.1:" + silent.getLocalPort() + "/v1/sessions/"), reason);
            assertTrue(reason.contains("timed out"), reason);
        }
    }

    private void assertRaw(HttpClient raw, String method, String path, String body, int status, String expected)
            throws Exception {
        HttpResponse<String> response = raw.send(HttpRequest.newBuilder(url.resolve(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
        assertTrue(response.body().contains(expected), response.body());
    }

    static <T> T ok(ControlResult<T> result) {
        if (result instanceof ControlResult.Ok<T>(T value)) {
            return value;
        }
        throw new AssertionError("expected Ok, got " + result);
    }

    @SuppressWarnings("unchecked")
    static <T> ControlResult.Refused<T> refused(ControlResult<T> result) {
        return assertInstanceOf(ControlResult.Refused.class, result, () -> "expected Refused, got " + result);
    }

    /** A device answer whose one candidate is a dead loopback port. */
    static String onLoopback(String answer) {
        return answer.replace("192.168.1.23 61022", "127.0.0.1 9");
    }

    static SessionDescription parse(String sdp) {
        return assertInstanceOf(SdpParseResult.Parsed.class, SdpParser.parse(sdp)).description();
    }

    static void assertPortTaken(int port) {
        assertThrows(BindException.class, () -> new DatagramSocket(new InetSocketAddress(LOOPBACK, port)).close(),
                "port " + port + " should be bound by the worker");
    }

    static void assertPortFree(int port) throws IOException {
        new DatagramSocket(new InetSocketAddress(LOOPBACK, port)).close();
    }

}
