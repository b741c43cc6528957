package io.ringedge.edge.call.internal;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.ringedge.edge.InMemoryDeviceDirectory;
import io.ringedge.edge.call.internal.WsPhone.SipText;
import io.ringedge.edge.media.WorkerMediaAnchor;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.MediaWorker;
import io.ringedge.media.PortRange;
import io.ringedge.media.control.MediaControlClient;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.media.registry.WorkerDirectory;
import io.ringedge.media.registry.WorkerRegistry;
import io.ringedge.runtime.redis.RedisLink;
import io.ringedge.testkit.media.WebRtcDevicePeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mid-call requests through the edge, with the media on a real worker (real Redis registry,
 * control API, ICE + DTLS-SRTP to the phone's WebRTC peer): hold and resume from either side
 * relayed with the worker's SDP and the answers mapped back, an ICE restart answered by the edge
 * alone, INFO relayed both ways, glare answered 491, and refusals that leave the call up.
 */
class MidCallTest {

    private static final String KEY_PREFIX = "midcall";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final PortRange PHONE_PORTS = new PortRange(45100, 45199);
    private static final Pattern UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");
    private static EmbeddedRedis redis;

    private MediaWorker worker;
    private WorkerRegistry registry;
    private MediaControlClient client;
    private LoopbackEdge edge;
    private DatagramSocket pbxRtp;
    private WebRtcDevicePeer peer;

    private record Call(WsPhone phone, ClientTransaction invite, SipText atPhone, String phoneAnswer, String callId) {
        Dialog pbxDialog() {
            return invite.getDialog();
        }
    }

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void start() throws Exception {
        Map<String, String> keys = new HashMap<>(Map.of(
                MediaConfig.WORKER_ID, "worker-mid",
                MediaConfig.PBX_PORT_RANGE, "46200-46239",
                MediaConfig.DEVICE_PORT_RANGE, "46300-46319",
                MediaConfig.CONTROL_PORT, "0",
                MediaConfig.CAPACITY, "8",
                MediaConfig.REGISTRY_TTL_SECONDS, "2",
                MediaConfig.REDIS_URI, redis.uri(),
                MediaConfig.REDIS_KEY_PREFIX, KEY_PREFIX));
        worker = MediaWorker.start(MediaConfig.from(Config.just(ConfigSources.create(keys))), DtlsCertificate.generate());
        registry = WorkerRegistry.connect(RedisLink.Settings.standalone(URI.create(redis.uri()), Duration.ofSeconds(1)),
                KEY_PREFIX);
        client = new MediaControlClient(Duration.ofMillis(500), Duration.ofSeconds(2));
        WorkerMediaAnchor anchor = new WorkerMediaAnchor("edge-mid", new WorkerDirectory(registry)::liveWorkers, client);
        edge = new LoopbackEdge("edge-mid", new InMemoryDeviceDirectory(), node -> Optional.empty(), anchor);
        pbxRtp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    }

    @AfterEach
    void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
        edge.close();
        client.close();
        registry.close();
        worker.close();
        pbxRtp.close();
    }

    @Test
    void holdFromThePhone_andResumeFromThePbx_areRelayedWithTheWorkersSdp() throws Exception {
        Call call = answeredCall();

        // the phone holds: the PBX gets a re-INVITE with the worker's sendonly offer, nothing of WebRTC
        int cseq = call.phone().request(call.atPhone(), "INVITE", "application/sdp", reoffer(call, "sendonly"));
        RequestEvent atPbx = nextPbxRequest(Request.INVITE);
        String pbxOffer = SipPeer.body(atPbx.getRequest());
        assertTrue(pbxOffer.contains("a=sendonly") && pbxOffer.contains("RTP/AVP 0 101"), pbxOffer);
        assertFalse(pbxOffer.contains("ice-") || pbxOffer.contains("fingerprint"), pbxOffer);
        assertEquals(call.pbxDialog().getDialogId(), atPbx.getDialog().getDialogId(), "inside the PBX's dialog");
        edge.pbx.respond(atPbx, null, 200, Optional.of(pcmuOffer().replace("a=sendrecv", "a=recvonly")));
        SipText ok = call.phone().next("INVITE");
        assertEquals(200, ok.status());
        assertTrue(ok.body().contains("a=recvonly") && ok.body().contains("UDP/TLS/RTP/SAVPF"), ok.body());
        assertNotNull(ok.header("contact"));
        call.phone().ack(call.atPhone(), cseq);
        nextPbxRequest(Request.ACK); // the edge ACKed the PBX's 2xx itself (RFC 3261 §13.2.2.4)

        // the PBX resumes: the phone gets the worker's sendrecv offer over the same ICE and DTLS
        Request resume = call.pbxDialog().createRequest(Request.INVITE);
        resume.setContent(pcmuOffer().getBytes(StandardCharsets.UTF_8),
                edge.pbx.headers.createContentTypeHeader("application", "sdp"));
        ClientTransaction resuming = edge.pbx.udp.getNewClientTransaction(resume);
        call.pbxDialog().sendRequest(resuming);
        SipText reinvite = call.phone().next("INVITE");
        assertTrue(reinvite.isRequest());
        assertTrue(reinvite.body().contains("a=sendrecv"), reinvite.body());
        assertEquals(ufrag(call.atPhone().body()), ufrag(reinvite.body()), "no ICE restart");
        call.phone().respond(reinvite, 200, "OK", Optional.of(reoffer(call, "sendrecv")
                .replace("a=setup:actpass", "a=setup:active")));
        Response resumed = edge.pbx.nextResponse(Request.INVITE);
        assertEquals(200, resumed.getStatusCode());
        assertTrue(SipPeer.body(resumed).contains("a=sendrecv"), SipPeer.body(resumed));
        call.pbxDialog().sendAck(call.pbxDialog().createAck(((CSeqHeader) resumed.getHeader(CSeqHeader.NAME))
                .getSeqNumber()));
        assertEquals("ACK", call.phone().next("ACK").method());

        // INFO both ways (e.g. DTMF, application/dtmf-relay), the response mapped back
        Request info = call.pbxDialog().createRequest(Request.INFO);
        info.setContent("Signal=5\r\nDuration=160\r\n", edge.pbx.headers.createContentTypeHeader("application",
                "dtmf-relay"));
        call.pbxDialog().sendRequest(edge.pbx.udp.getNewClientTransaction(info));
        SipText infoAtPhone = call.phone().next("INFO");
        assertEquals("application/dtmf-relay", infoAtPhone.header("content-type"));
        assertTrue(infoAtPhone.body().contains("Signal=5"), infoAtPhone.body());
        call.phone().respond(infoAtPhone, 200, "OK", Optional.empty());
        assertEquals(200, edge.pbx.nextResponse(Request.INFO).getStatusCode());
        call.phone().request(call.atPhone(), "INFO", "application/dtmf-relay", "Signal=7\r\nDuration=160\r\n");
        RequestEvent infoAtPbx = nextPbxRequest(Request.INFO);
        assertEquals("dtmf-relay", ((ContentTypeHeader) infoAtPbx.getRequest().getHeader(ContentTypeHeader.NAME))
                .getContentSubType());
        edge.pbx.respond(infoAtPbx, null, 200, Optional.empty());
        assertEquals(200, call.phone().next("INFO").status());

        hangUp(call);
    }

    /**
     * RFC 8445 §9: the phone restarts ICE; the edge answers with the worker's new credentials and
     * the PBX hears nothing of it.
     */
    @Test
    void iceRestartFromThePhone_isAnsweredByTheEdgeAlone() throws Exception {
        Call call = answeredCall();
        String restart = reoffer(call, "sendrecv").replaceFirst("a=ice-ufrag:\\S+", "a=ice-ufrag:R3st")
                .replaceFirst("a=ice-pwd:\\S+", "a=ice-pwd:freshpasswordfreshpassword");
        int cseq = call.phone().request(call.atPhone(), "INVITE", "application/sdp", restart);
        SipText ok = call.phone().next("INVITE");
        assertEquals(200, ok.status(), ok.toString());
        assertNotEquals(ufrag(call.atPhone().body()), ufrag(ok.body()), "the worker's new credentials");
        assertTrue(ok.body().contains("a=setup:passive"), "the phone stays the DTLS client: " + ok.body());
        call.phone().ack(call.atPhone(), cseq);
        assertNull(edge.pbx.requests.poll(500, TimeUnit.MILLISECONDS), "the PBX was not disturbed");
        hangUp(call);
    }

    /**
     * RFC 3261 §14.1: a re-INVITE crossing ours gets 491; the PBX refusing ours leaves the call as it
     * was; a re-INVITE without SDP gets 488 with a reason; the call goes on and ends normally.
     */
    @Test
    void glareAndRefusals_leaveTheCallUp() throws Exception {
        Call call = answeredCall();
        Request hold = call.pbxDialog().createRequest(Request.INVITE);
        hold.setContent(pcmuOffer().replace("a=sendrecv", "a=sendonly").getBytes(StandardCharsets.UTF_8),
                edge.pbx.headers.createContentTypeHeader("application", "sdp"));
        call.pbxDialog().sendRequest(edge.pbx.udp.getNewClientTransaction(hold));
        SipText holdAtPhone = call.phone().next("INVITE");

        call.phone().request(call.atPhone(), "INVITE", "application/sdp", reoffer(call, "sendonly"));
        assertEquals(491, call.phone().next("INVITE").status(), "glare");

        call.phone().respond(holdAtPhone, 488, "Not Acceptable Here", Optional.empty());
        assertEquals("ACK", call.phone().next("ACK").method(), "RFC 3261 §17.1.1.3: the edge ACKs the 488");
        assertEquals(488, edge.pbx.nextResponse(Request.INVITE).getStatusCode(), "the refusal goes back to the PBX");

        call.phone().request(call.atPhone(), "INVITE", "application/sdp", "");
        SipText noSdp = call.phone().next("INVITE");
        assertEquals(488, noSdp.status());
        assertTrue(noSdp.header("warning").contains("without SDP"), noSdp.toString());

        String newCertificate = reoffer(call, "sendrecv").replaceFirst("a=fingerprint:sha-256 \\S+",
                "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB");
        call.phone().request(call.atPhone(), "INVITE", "application/sdp", newCertificate);
        SipText refused = call.phone().next("INVITE");
        assertEquals(488, refused.status());
        assertTrue(refused.header("warning").contains("fingerprint"), refused.toString());

        hangUp(call);
    }

    // ---- a call to hold, and how it ends ----

    private Call answeredCall() throws Exception {
        WsPhone phone = edge.phone("dev-a");
        peer = WebRtcDevicePeer.open(LOOPBACK, PHONE_PORTS);
        ClientTransaction invite = edge.call("UDP", pcmuOffer());
        String callId = edge.located("dev-a");
        SipText atPhone = phone.next("INVITE");
        String answer = peer.answer(atPhone.body());
        phone.respond(atPhone, 200, "OK", Optional.of(answer));
        assertEquals(200, edge.pbx.nextResponse(Request.INVITE).getStatusCode());
        edge.pbx.ack(invite.getDialog());
        phone.next("ACK");
        assertTrue(peer.awaitConnected(Duration.ofSeconds(10)), "ICE + DTLS up: " + peer.events());
        return new Call(phone, invite, atPhone, answer, callId);
    }

    private void hangUp(Call call) throws Exception {
        edge.pbx.bye(call.pbxDialog(), "UDP");
        call.phone().respond(call.phone().next("BYE"), 200, "OK", Optional.empty());
        assertEquals(200, edge.pbx.nextResponse(Request.BYE).getStatusCode());
        edge.assertTimeline(call.callId(), "CallOffered", "CallAnswered(dev-a)", "CallEnded(CALLER_HANGUP,200)");
    }

    /** The phone's next offer, as a browser writes one: its answer's parameters, actpass, {@code direction}. */
    private static String reoffer(Call call, String direction) {
        return call.phoneAnswer().replace("a=setup:active", "a=setup:actpass")
                .replaceAll("a=(sendrecv|sendonly|recvonly|inactive)", "a=" + direction);
    }

    private String pcmuOffer() {
        return "v=0\r\no=pbx 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + pbxRtp.getLocalPort() + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
    }

    /** The PBX's next request of {@code method}. */
    private RequestEvent nextPbxRequest(String method) throws InterruptedException {
        return edge.pbx.nextRequest(method);
    }

    private static String ufrag(String sdp) {
        Matcher m = UFRAG.matcher(sdp);
        assertTrue(m.find(), sdp);
        return m.group(1);
    }
}
