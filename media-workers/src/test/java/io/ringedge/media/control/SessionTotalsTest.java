package io.ringedge.media.control;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.UdpPortAllocator;
import io.ringedge.media.loop.MediaLoops;
import io.ringedge.media.control.internal.SocketSessionFactory;
import io.ringedge.media.sdp.AgreedMedia;
import io.ringedge.media.sdp.SdpFixtures;
import io.ringedge.media.sdp.WebRtcTransport;
import io.ringedge.runtime.observe.MediaMeters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worker's media totals: sessions on real sockets with real SDP negotiation, whose live
 * counters are scripted (what the packet threads would have counted), so the totals can be
 * checked exactly and across a session's deletion.
 */
class SessionTotalsTest {

    private static final int CAPACITY = 6;

    /** A real session's media whose status the test sets. */
    private static final class ScriptedMedia implements SessionMedia {
        final SessionMedia real;
        volatile MediaStatus status = new MediaStatus("offered", null, null, null, null);

        ScriptedMedia(SessionMedia real) {
            this.real = real;
        }

        @Override
        public WebRtcTransport deviceTransport() {
            return real.deviceTransport();
        }

        @Override
        public InetSocketAddress pbxRtpAddress() {
            return real.pbxRtpAddress();
        }

        @Override
        public void apply(AgreedMedia agreed) {
            // no media threads: the counters are scripted
        }

        @Override
        public void update(MediaUpdate update) {
            // as apply: no media threads
        }

        @Override
        public MediaStatus status() {
            return status;
        }

        @Override
        public void close() {
            real.close();
        }
    }

    private MediaLoops loops;
    private SocketSessionFactory sockets;
    private MediaSessions sessions;
    private final Map<String, ScriptedMedia> media = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int pbx = FreePorts.evenBlock(2 * CAPACITY);
        int device = FreePorts.block(CAPACITY);
        MediaConfig config = MediaConfig.from(Config.just(ConfigSources.create(Map.of(
                MediaConfig.WORKER_ID, "w-totals", MediaConfig.CAPACITY, Integer.toString(CAPACITY),
                MediaConfig.PBX_PORT_RANGE, pbx + "-" + (pbx + 2 * CAPACITY - 1),
                MediaConfig.DEVICE_PORT_RANGE, device + "-" + (device + CAPACITY - 1)))));
        loops = new MediaLoops(1, "test-media");
        sockets = new SocketSessionFactory(config, loops, new UdpPortAllocator(loopback, config.pbxPortRange(), 2),
                new UdpPortAllocator(loopback, config.devicePortRange(), 1), ControlApiTest.CERTIFICATE);
        sessions = new MediaSessions(id -> switch (sockets.open(id)) {
            case SessionOpening.Opened(SessionMedia real) -> {
                ScriptedMedia scripted = new ScriptedMedia(real);
                media.put(id, scripted);
                yield new SessionOpening.Opened(scripted);
            }
            case SessionOpening.Exhausted exhausted -> exhausted;
        }, CAPACITY, Duration.ofMinutes(2), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        sessions.close();
        loops.close();
    }

    private String create() {
        CreateOutcome outcome = sessions.create(SessionIds.newId(), "call", SdpFixtures.ASTERISK_OFFER);
        return assertInstanceOf(CreateOutcome.Created.class, outcome).session().sessionId();
    }

    private static SessionStats.Media leg(long received, long sent, long lost, long dropped) {
        return new SessionStats.Media(received, received * 160, lost, 1.5, sent, sent * 160, dropped, 3, null, null);
    }

    @Test
    void createdAnsweredByModeFailedByCauseAndPacketsPerLeg() {
        String passThrough = create();
        String transcoded = create();
        assertInstanceOf(CreateOutcome.BadSdp.class, sessions.create(SessionIds.newId(), "call", "not sdp"));
        assertInstanceOf(AnswerOutcome.Answered.class, sessions.answer(passThrough, SdpFixtures.CHROME_ANSWER_PCMU));
        assertInstanceOf(AnswerOutcome.Answered.class, sessions.answer(transcoded, SdpFixtures.CHROME_ANSWER_OPUS));
        media.get(passThrough).status = new MediaStatus("connected", null, leg(100, 98, 2, 1), leg(99, 100, 0, 5), null);
        media.get(transcoded).status = new MediaStatus("failed", "media-timeout: no RTP from the device for PT30S",
                leg(40, 40, 0, 0), leg(0, 40, 0, 0), null);

        MediaMeters.Totals totals = sessions.totals();
        assertEquals(2, totals.active());
        assertEquals(2, totals.created());
        assertEquals(Map.of("pass_through", 1L, "transcode", 1L), totals.activeByMode());
        assertEquals(Map.of("pass_through", 1L, "transcode", 1L), totals.answeredByMode());
        assertEquals(Map.of("bad-sdp", 1L, "media-timeout", 1L), totals.failedByCause());
        assertEquals(new MediaMeters.Leg(140, 138, 2, 1), totals.legs().get("pbx"));
        assertEquals(new MediaMeters.Leg(99, 140, 0, 5), totals.legs().get("device"));

        // deleting a session moves its figures from open to ended: no counter goes down
        assertTrue(sessions.delete(transcoded).isPresent());
        MediaMeters.Totals after = sessions.totals();
        assertEquals(1, after.active());
        assertEquals(Map.of("pass_through", 1L), after.activeByMode());
        assertEquals(Map.of("pass_through", 1L, "transcode", 1L), after.answeredByMode());
        assertEquals(Map.of("bad-sdp", 1L, "media-timeout", 1L), after.failedByCause());
        assertEquals(new MediaMeters.Leg(140, 138, 2, 1), after.legs().get("pbx"));

        assertTrue(sessions.delete(passThrough).isPresent());
        MediaMeters.Totals none = sessions.totals();
        assertEquals(0, none.active());
        assertEquals(new MediaMeters.Leg(99, 140, 0, 5), none.legs().get("device"));
    }

    @Test
    void refusedOffersAndAnswersAreCountedByCause() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CAPACITY; i++) {
            ids.add(create());
        }
        assertInstanceOf(CreateOutcome.NoCapacity.class, sessions.create(SessionIds.newId(), "one-too-many", SdpFixtures.ASTERISK_OFFER));
        assertInstanceOf(AnswerOutcome.BadSdp.class, sessions.answer(ids.get(0), "v=0"));
        assertEquals(Map.of("no-capacity", 1L, "bad-sdp", 1L), sessions.totals().failedByCause());
        assertEquals(CAPACITY, sessions.totals().created());
    }

    @Test
    void countersNeverGoDownWhileSessionsEndDuringScrapes() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CAPACITY; i++) {
            String id = create();
            media.get(id).status = new MediaStatus("connected", null, leg(1000, 1000, 1, 1), leg(1000, 1000, 1, 1), null);
            ids.add(id);
        }
        AtomicBoolean deleting = new AtomicBoolean(true);
        CompletableFuture<Void> scrapes = CompletableFuture.runAsync(() -> {
            long last = 0;
            while (deleting.get()) {
                long received = sessions.totals().legs().get("pbx").packetsReceived();
                assertTrue(received >= last, "pbx packets received went from " + last + " to " + received);
                assertEquals(CAPACITY * 1000L, received, "each session counted exactly once");
                last = received;
            }
        });
        for (String id : ids) {
            sessions.delete(id);
            Thread.sleep(2);
        }
        deleting.set(false);
        scrapes.get();
        assertEquals(CAPACITY * 1000L, sessions.totals().legs().get("device").packetsSent());
    }
}
