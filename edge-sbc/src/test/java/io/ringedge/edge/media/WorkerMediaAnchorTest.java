package io.ringedge.edge.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ringedge.edge.call.ForkId;
import io.ringedge.edge.call.MediaAnchor;
import io.ringedge.edge.call.Sdp;
import io.ringedge.media.control.MediaControlClient;
import io.ringedge.media.control.SessionAnswered;
import io.ringedge.media.control.SessionCreated;
import io.ringedge.media.control.SessionFailure;
import io.ringedge.media.control.internal.ControlJson;
import io.ringedge.media.registry.WorkerInfo;
import io.ringedge.media.sdp.MediaMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the anchor asks of a worker, seen from a scripted one, so that no session outlives its use
 * there: a creation the anchor stopped waiting for is deleted by the id it chose, and a failed
 * session of a call the edge no longer holds is deleted when the worker reports it.
 */
class WorkerMediaAnchorTest {

    private static final String OFFER = "v=0\r\no=pbx 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\n";
    private static final ObjectMapper JSON = ControlJson.mapper();
    private static final String PBX_ANSWER = "v=0\r\no=worker 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 30000 RTP/AVP 0\r\n";
    private static final String DEVICE_OFFER = "v=0\r\no=worker 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    private HttpServer slowWorker;
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private MediaControlClient client;
    /** Creations answer 201 at once instead of waiting for the test. */
    private volatile boolean creating;

    @BeforeEach
    void start() throws IOException {
        slowWorker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        slowWorker.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        slowWorker.createContext("/v1/sessions/", this::handle);
        slowWorker.start();
        client = new MediaControlClient(Duration.ofSeconds(1), Duration.ofMillis(200));
    }

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
        slowWorker.stop(0);
    }

    /** Creations answer only once the test releases them; deletions at once (as for an unknown session). */
    private void handle(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        if ("PUT".equals(exchange.getRequestMethod()) && creating) {
            String id = exchange.getRequestURI().getPath().substring("/v1/sessions/".length());
            answer(exchange, 201, JSON.writeValueAsBytes(new SessionCreated(id, DEVICE_OFFER)));
            return;
        }
        if ("POST".equals(exchange.getRequestMethod()) && creating) {
            answer(exchange, 200, JSON.writeValueAsBytes(new SessionAnswered(PBX_ANSWER, MediaMode.PASS_THROUGH)));
            return;
        }
        if ("PUT".equals(exchange.getRequestMethod())) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answer(exchange, 404, "{\"error\":\"unknown-session\",\"reason\":\"no session\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private String createdSessionId() throws InterruptedException {
        String create = requests.poll(5, TimeUnit.SECONDS);
        assertNotNull(create, "no creation");
        assertTrue(create.startsWith("PUT /v1/sessions/"), create);
        return create.substring("PUT /v1/sessions/".length());
    }

    private WorkerMediaAnchor anchor() {
        WorkerInfo worker = new WorkerInfo("slow", URI.create("http://127.0.0.1:" + slowWorker.getAddress().getPort()),
                10, 0);
        return new WorkerMediaAnchor("edge-1", () -> List.of(worker), client);
    }

    @Test
    void aCreationTheAnchorStoppedWaitingForIsDeletedByItsId() throws Exception {
        WorkerMediaAnchor anchor = anchor();

        MediaAnchor.Outcome outcome = anchor.offerToDevice("call-1", new ForkId("f1"), "dev-1",
                Optional.of(new Sdp(OFFER)));

        MediaAnchor.Outcome.Refused refused = assertInstanceOf(MediaAnchor.Outcome.Refused.class, outcome);
        assertEquals(503, refused.status());
        assertTrue(refused.reason().contains("slow: unreachable"), refused.reason());
        String create = requests.poll(5, TimeUnit.SECONDS);
        assertNotNull(create);
        assertTrue(create.matches("PUT /v1/sessions/[A-Za-z0-9_-]{22}"), create);
        String sessionId = create.substring("PUT /v1/sessions/".length());
        assertEquals("DELETE /v1/sessions/" + sessionId, requests.poll(5, TimeUnit.SECONDS));
        assertEquals(0, anchor.calls());
    }

    @Test
    void aFailedSessionOfACallTheEdgeNoLongerHoldsIsDeleted() throws Exception {
        WorkerMediaAnchor anchor = anchor();

        anchor.sessionFailed(new SessionFailure("slow", "AAAAAAAAAAAAAAAAAAAAAA", "call-gone",
                "ice-failed: no pair succeeded in PT30S"));

        assertEquals("DELETE /v1/sessions/AAAAAAAAAAAAAAAAAAAAAA", requests.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aWokenDevicesSessionIsOpenedBeforeItAttachesAndItsForkTakesIt() throws Exception {
        creating = true;
        WorkerMediaAnchor anchor = anchor();

        anchor.prepareForDevice("call-2", "phone", Optional.of(new Sdp(OFFER)));
        String sessionId = createdSessionId();
        MediaAnchor.Outcome outcome = anchor.offerToDevice("call-2", new ForkId("f1"), "phone",
                Optional.of(new Sdp(OFFER)));

        assertEquals(new MediaAnchor.Outcome.Relayed(Optional.of(new Sdp(DEVICE_OFFER))), outcome);
        assertNull(requests.poll(300, TimeUnit.MILLISECONDS), "the fork opened no second session");
        anchor.release("call-2");
        assertEquals("DELETE /v1/sessions/" + sessionId, requests.poll(5, TimeUnit.SECONDS));
        assertEquals(0, anchor.calls());
    }

    @Test
    void aSessionPreparedForADeviceThatNeverAttachedIsDeletedWithTheCall() throws Exception {
        creating = true;
        WorkerMediaAnchor anchor = anchor();

        anchor.prepareForDevice("call-3", "phone", Optional.of(new Sdp(OFFER)));
        String sessionId = createdSessionId();
        anchor.release("call-3");

        assertEquals("DELETE /v1/sessions/" + sessionId, requests.poll(5, TimeUnit.SECONDS));
        assertEquals(0, anchor.calls());
    }

    @Test
    void aForkWhosePreparedSessionWasNotCreatedOpensItsOwn() throws Exception {
        WorkerMediaAnchor anchor = anchor();
        anchor.prepareForDevice("call-4", "phone", Optional.of(new Sdp(OFFER)));
        String unanswered = createdSessionId(); // held until the client gives up (200 ms), then deleted
        assertEquals("DELETE /v1/sessions/" + unanswered, requests.poll(5, TimeUnit.SECONDS));
        creating = true;

        MediaAnchor.Outcome outcome = anchor.offerToDevice("call-4", new ForkId("f1"), "phone",
                Optional.of(new Sdp(OFFER)));

        assertEquals(new MediaAnchor.Outcome.Relayed(Optional.of(new Sdp(DEVICE_OFFER))), outcome);
        String own = createdSessionId();
        assertNotEquals(unanswered, own);
    }

    @Test
    void onceAnotherDeviceAnsweredTheSessionOfADeviceStillWakingIsDeleted() throws Exception {
        creating = true;
        WorkerMediaAnchor anchor = anchor();
        anchor.prepareForDevice("call-5", "phone", Optional.of(new Sdp(OFFER)));
        String prepared = createdSessionId();
        anchor.offerToDevice("call-5", new ForkId("f1"), "laptop", Optional.of(new Sdp(OFFER)));
        String laptops = createdSessionId();

        MediaAnchor.Outcome answered = anchor.answerToPbx("call-5", new ForkId("f1"), Optional.of(new Sdp(DEVICE_OFFER)));

        assertEquals(new MediaAnchor.Outcome.Relayed(Optional.of(new Sdp(PBX_ANSWER))), answered);
        assertEquals("POST /v1/sessions/" + laptops + "/answer", requests.poll(5, TimeUnit.SECONDS));
        assertEquals("DELETE /v1/sessions/" + prepared, requests.poll(5, TimeUnit.SECONDS),
                "the waking phone can no longer win the call");
    }
}
