package io.ringedge.edge.call.internal;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.ringedge.edge.InMemoryDeviceDirectory;
import io.ringedge.edge.call.internal.WsPhone.SipText;
import io.ringedge.edge.media.MediaFailureWatch;
import io.ringedge.edge.media.WorkerMediaAnchor;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.events.CallEnded;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.MediaWorker;
import io.ringedge.media.control.MediaControlClient;
import io.ringedge.testkit.media.WebRtcDevicePeer;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.media.registry.WorkerDirectory;
import io.ringedge.media.registry.WorkerRegistry;
import io.ringedge.media.PortRange;
import io.ringedge.runtime.redis.RedisLink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sip.ClientTransaction;
import javax.sip.header.WarningHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls through the edge with their media on a real media worker (real Redis registry, real
 * control API, real ICE + DTLS-SRTP to the phone's WebRTC peer): SDP rewritten both ways, audio
 * both ways, refusals answered on the right leg, and calls ended when their media dies.
 */
class AnchoredCallTest {

    private static final String KEY_PREFIX = "anchored";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final PortRange PHONE_PORTS = new PortRange(45000, 45099);
    private static EmbeddedRedis redis;

    private MediaWorker worker;
    private WorkerRegistry registry;
    private MediaControlClient client;
    private MediaFailureWatch watch;
    private LoopbackEdge edge;
    private DatagramSocket pbxRtp;
    private WebRtcDevicePeer peer;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private void start(Map<String, String> workerKeys) throws Exception {
        Map<String, String> keys = new HashMap<>(Map.of(
                MediaConfig.WORKER_ID, "worker-a",
                MediaConfig.PBX_PORT_RANGE, "46000-46039",
                MediaConfig.DEVICE_PORT_RANGE, "46100-46119",
                MediaConfig.CONTROL_PORT, "0",
                MediaConfig.CAPACITY, "8",
                MediaConfig.REGISTRY_TTL_SECONDS, "2",
                MediaConfig.REDIS_URI, redis.uri(),
                MediaConfig.REDIS_KEY_PREFIX, KEY_PREFIX));
        keys.putAll(workerKeys);
        worker = MediaWorker.start(MediaConfig.from(Config.just(ConfigSources.create(keys))), DtlsCertificate.generate());
        registry = WorkerRegistry.connect(RedisLink.Settings.standalone(URI.create(redis.uri()), Duration.ofSeconds(1)), KEY_PREFIX);
        WorkerDirectory directory = new WorkerDirectory(registry);
        client = new MediaControlClient(Duration.ofMillis(500), Duration.ofSeconds(2));
        WorkerMediaAnchor anchor = new WorkerMediaAnchor("edge-m", directory::liveWorkers, client);
        edge = new LoopbackEdge("edge-m", new InMemoryDeviceDirectory(), node -> Optional.empty(), anchor);
        anchor.onFailure(edge.b2bua::mediaFailed);
        watch = MediaFailureWatch.start(RedisLink.Settings.standalone(URI.create(redis.uri()), Duration.ofSeconds(1)), KEY_PREFIX, "edge-m", anchor, directory::liveWorkers,
                Duration.ofMillis(200));
        pbxRtp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        pbxRtp.setSoTimeout(3000);
    }

    @AfterEach
    void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (edge != null) {
            edge.close();
        }
        watch.close();
        client.close();
        registry.close();
        if (worker != null) {
            worker.close();
        }
        pbxRtp.close();
    }

    private String pcmuOffer() {
        return "v=0\r\no=pbx 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + pbxRtp.getLocalPort() + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
    }

    /** Rings the phone with the worker's offer; the phone answers with its WebRTC peer. */
    private Connected answeredCall() throws Exception {
        return answeredCall(pcmuOffer());
    }

    private Connected answeredCall(String offer) throws Exception {
        WsPhone phone = edge.phone("dev-a");
        // opened before the call: its first use loads the DTLS stack, slower than the ring timeout here
        peer = WebRtcDevicePeer.open(LOOPBACK, PHONE_PORTS);
        ClientTransaction invite = edge.call("UDP", offer);
        String callId = edge.located("dev-a");
        SipText atPhone = phone.next("INVITE");
        assertTrue(atPhone.body().contains("UDP/TLS/RTP/SAVPF"), atPhone.body());
        assertTrue(atPhone.body().contains("a=fingerprint:sha-256"), "a WebRTC offer: " + atPhone.body());
        assertFalse(atPhone.body().contains("m=audio " + pbxRtp.getLocalPort()), "the PBX's address never reaches the device");
        phone.respond(atPhone, 200, "OK", Optional.of(peer.answer(atPhone.body())));
        Response ok = edge.pbx.nextResponse(Request.INVITE);
        assertEquals(200, ok.getStatusCode());
        String answer = SipPeer.body(ok);
        assertTrue(answer.contains("RTP/AVP 0") || answer.contains("RTP/AVP 8"), answer);
        assertFalse(answer.contains("ice-ufrag") || answer.contains("fingerprint"), "no ICE/DTLS toward the PBX: " + answer);
        edge.pbx.ack(invite.getDialog());
        phone.next("ACK");
        assertTrue(peer.awaitConnected(Duration.ofSeconds(10)), "ICE + DTLS up: " + peer.events());
        return new Connected(phone, invite, atPhone, callId, workerRtpPort(answer));
    }

    private record Connected(WsPhone phone, ClientTransaction invite, SipText atPhone, String callId, int workerPort) {
    }

    @Test
    void audioCrossesTheWorkerBothWays_andCallEndedCarriesItsFigures() throws Exception {
        start(Map.of());
        Connected call = answeredCall();

        byte[] frame = new byte[172];
        frame[0] = (byte) 0x80;
        for (int i = 0; i < 50; i++) {
            frame[3] = (byte) i;
            frame[2] = 0;
            frame[7] = (byte) (i * 160);
            frame[6] = (byte) ((i * 160) >> 8);
            frame[11] = 1;
            pbxRtp.send(new DatagramPacket(frame, frame.length, new InetSocketAddress(LOOPBACK, call.workerPort())));
            Thread.sleep(20);
        }
        assertNotNull(peer.receive(Duration.ofSeconds(3)), "the phone hears the PBX");
        for (int i = 0; i < 50; i++) {
            peer.send(new byte[160], 160);
            Thread.sleep(20);
        }
        DatagramPacket atPbx = new DatagramPacket(new byte[1500], 1500);
        pbxRtp.receive(atPbx);
        assertEquals(0, atPbx.getData()[1] & 0x7F, "PCMU reaches the PBX");

        edge.pbx.bye(call.invite().getDialog(), "UDP");
        call.phone().respond(call.phone().next("BYE"), 200, "OK", Optional.empty());
        assertEquals(200, edge.pbx.nextResponse(Request.BYE).getStatusCode());
        edge.assertTimeline(call.callId(), "CallOffered", "CallAnswered(dev-a)", "CallEnded(CALLER_HANGUP,200)");
        CallEnded ended = (CallEnded) edge.events.of(call.callId()).getLast();
        assertEquals(2, ended.media().size(), ended.toString());
        CallEnded.LegQuality pbxLeg = ended.media().get(0);
        assertEquals(CallEnded.Leg.PBX, pbxLeg.leg());
        assertTrue(pbxLeg.packetsReceived() >= 40, ended.toString());
        assertTrue(ended.media().get(1).packetsReceived() >= 40, ended.toString());
        awaitSessions(0);
        edge.assertRetired();
    }

    @Test
    void pcmaOnlyOffer_isAnchoredToo() throws Exception {
        start(Map.of());
        Connected call = answeredCall(pcmuOffer().replace("RTP/AVP 0 101", "RTP/AVP 8 101")
                .replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000") + "a=fmtp:101 0-16\r\na=ptime:20\r\n");
        edge.pbx.bye(call.invite().getDialog(), "UDP");
        call.phone().respond(call.phone().next("BYE"), 200, "OK", Optional.empty());
        assertEquals(200, edge.pbx.nextResponse(Request.BYE).getStatusCode());
        edge.assertTimeline(call.callId(), "CallOffered", "CallAnswered(dev-a)", "CallEnded(CALLER_HANGUP,200)");
    }

    @Test
    void offerWithNoUsableCodec_is488WithAWarning_andNoDeviceRings() throws Exception {
        start(Map.of());
        WsPhone phone = edge.phone("dev-a");
        edge.call("UDP", pcmuOffer().replace("RTP/AVP 0 101", "RTP/AVP 18").replace("a=rtpmap:0 PCMU/8000",
                "a=rtpmap:18 G729/8000"));
        String callId = edge.located("dev-a");
        Response refused = edge.pbx.nextResponse(Request.INVITE);
        assertEquals(488, refused.getStatusCode());
        WarningHeader warning = (WarningHeader) refused.getHeader(WarningHeader.NAME);
        assertNotNull(warning, "a Warning says why");
        assertEquals(305, warning.getCode());
        edge.assertTimeline(callId, "CallOffered", "CallEnded(MEDIA_REJECTED,488)");
        assertEquals(0, worker.sessions());
        assertTrue(phone.pollAny(Duration.ofMillis(300)).isEmpty(), "the phone never rang");
    }

    @Test
    void noWorkerAlive_is503() throws Exception {
        start(Map.of());
        worker.close();
        worker = null;
        edge.phone("dev-a");
        edge.call("UDP", pcmuOffer());
        String callId = edge.located("dev-a");
        assertEquals(503, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        edge.assertTimeline(callId, "CallOffered", "CallEnded(NO_MEDIA_WORKER,503)");
    }

    @Test
    void workerStoppedMidCall_byeToBothLegs() throws Exception {
        start(Map.of());
        Connected call = answeredCall();
        worker.close();
        worker = null;
        call.phone().respond(call.phone().next("BYE"), 200, "OK", Optional.empty());
        edge.pbx.respond(edge.pbx.nextRequest(Request.BYE), null, 200, Optional.empty());
        edge.assertTimeline(call.callId(), "CallOffered", "CallAnswered(dev-a)", "CallEnded(MEDIA_WORKER_LOST,200)");
    }

    @Test
    void noRtpForTheMediaTimeout_byeToBothLegs() throws Exception {
        start(Map.of(MediaConfig.MEDIA_TIMEOUT, "PT1S"));
        Connected call = answeredCall();
        call.phone().respond(call.phone().next("BYE"), 200, "OK", Optional.empty());
        edge.pbx.respond(edge.pbx.nextRequest(Request.BYE), null, 200, Optional.empty());
        edge.assertTimeline(call.callId(), "CallOffered", "CallAnswered(dev-a)", "CallEnded(MEDIA_TIMEOUT,200)");
        awaitSessions(0);
    }

    private void awaitSessions(int expected) throws InterruptedException {
        for (int i = 0; i < 300 && worker.sessions() != expected; i++) {
            Thread.sleep(10);
        }
        assertEquals(expected, worker.sessions(), "worker sessions");
    }

    private static int workerRtpPort(String sdp) {
        Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(sdp);
        assertTrue(m.find(), sdp);
        return Integer.parseInt(m.group(1));
    }
}
