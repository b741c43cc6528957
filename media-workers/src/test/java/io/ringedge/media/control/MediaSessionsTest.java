package io.ringedge.media.control;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.UdpPortAllocator;
import io.ringedge.media.loop.MediaLoops;
import io.ringedge.media.control.internal.SocketSessionFactory;
import io.ringedge.media.sdp.SdpFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session table on real sockets: capacity, session ids, deletion before creation, expiry. */
class MediaSessionsTest {

    private static final int CAPACITY = 5;
    private static final Duration UNANSWERED = Duration.ofMinutes(2);

    /** The table's clock, moved by the test. */
    private static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-21T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private MediaLoops loops;
    private MediaSessions sessions;

    @BeforeEach
    void start() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int pbx = FreePorts.evenBlock(2 * CAPACITY);
        int device = FreePorts.block(CAPACITY);
        MediaConfig config = MediaConfig.from(Config.just(ConfigSources.create(Map.of(
                MediaConfig.WORKER_ID, "w1", MediaConfig.CAPACITY, Integer.toString(CAPACITY),
                MediaConfig.PBX_PORT_RANGE, pbx + "-" + (pbx + 2 * CAPACITY - 1),
                MediaConfig.DEVICE_PORT_RANGE, device + "-" + (device + CAPACITY - 1)))));
        loops = new MediaLoops(2, "test-media");
        SocketSessionFactory factory = new SocketSessionFactory(config, loops,
                new UdpPortAllocator(loopback, config.pbxPortRange(), 2),
                new UdpPortAllocator(loopback, config.devicePortRange(), 1), ControlApiTest.CERTIFICATE);
        sessions = new MediaSessions(factory, CAPACITY, UNANSWERED, clock);
    }

    @AfterEach
    void stop() {
        sessions.close();
        loops.close();
    }

    private String create(String callId) {
        return assertInstanceOf(CreateOutcome.Created.class,
                sessions.create(SessionIds.newId(), callId, SdpFixtures.ASTERISK_OFFER)).session().sessionId();
    }

    @Test
    void concurrentCreationNeverOvershootsCapacityAndDeletionFreesEverything() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Callable<CreateOutcome>> creations = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String callId = "call-" + i;
                creations.add(() -> sessions.create(SessionIds.newId(), callId, SdpFixtures.ASTERISK_OFFER));
            }
            List<String> created = new ArrayList<>();
            int refused = 0;
            for (Future<CreateOutcome> f : pool.invokeAll(creations)) {
                switch (f.get()) {
                    case CreateOutcome.Created(SessionCreated s) -> created.add(s.sessionId());
                    case CreateOutcome.NoCapacity ignored -> refused++;
                    default -> throw new AssertionError("unexpected " + f.get());
                }
            }
            assertEquals(CAPACITY, created.size());
            assertEquals(40 - CAPACITY, refused);
            assertEquals(CAPACITY, sessions.count());

            created.forEach(sessions::delete);
            assertEquals(0, sessions.count());
            // every port is back: the pools can fill all sessions again
            for (int i = 0; i < CAPACITY; i++) {
                create("again-" + i);
            }
        }
    }

    @Test
    void anIdIsCreatedOnce() {
        String id = SessionIds.newId();
        assertInstanceOf(CreateOutcome.Created.class, sessions.create(id, "call-1", SdpFixtures.ASTERISK_OFFER));
        assertEquals(new CreateOutcome.Exists(id), sessions.create(id, "call-2", SdpFixtures.ASTERISK_OFFER));
        assertEquals(1, sessions.count());
    }

    @Test
    void aCreationArrivingAfterItsDeletionIsRefusedUntilTheTombstoneIsForgotten() {
        String id = SessionIds.newId();
        assertTrue(sessions.delete(id).isEmpty()); // the edge gave up before the worker read the creation
        assertEquals(new CreateOutcome.Deleted(id), sessions.create(id, "call-1", SdpFixtures.ASTERISK_OFFER));
        assertEquals(0, sessions.count());

        clock.now = clock.now.plus(MediaSessions.TOMBSTONE_TTL).plusSeconds(1);
        sessions.expire();
        assertInstanceOf(CreateOutcome.Created.class, sessions.create(id, "call-1", SdpFixtures.ASTERISK_OFFER));
    }

    @Test
    void aDeletionRacingItsCreationNeverLeavesASession() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 200; i++) {
                String id = SessionIds.newId();
                CompletableFuture<CreateOutcome> created = CompletableFuture.supplyAsync(
                        () -> sessions.create(id, "race", SdpFixtures.ASTERISK_OFFER), pool);
                CompletableFuture<Void> deleted = CompletableFuture.runAsync(() -> sessions.delete(id), pool);
                CompletableFuture.allOf(created, deleted).get();
                // created then deleted, refused as deleted, or refused for capacity: never left behind
                assertEquals(0, sessions.count(), "after " + created.get());
            }
        }
    }

    @Test
    void aSessionLeftUnansweredIsDeletedAfterTheTimeoutAndAnAnsweredOneStays() {
        String unanswered = create("given-up");
        String answered = create("talking");
        assertInstanceOf(AnswerOutcome.Answered.class, sessions.answer(answered, SdpFixtures.CHROME_ANSWER_PCMU));

        clock.now = clock.now.plus(UNANSWERED);
        assertEquals(0, sessions.expire(), "not before the timeout");

        clock.now = clock.now.plusSeconds(1);
        assertEquals(1, sessions.expire());
        assertEquals(1, sessions.count());
        assertEquals(new AnswerOutcome.UnknownSession(unanswered),
                sessions.answer(unanswered, SdpFixtures.CHROME_ANSWER_PCMU));
        assertTrue(sessions.stats(answered).isPresent());
        assertEquals(Map.of("unanswered-expired", 1L), sessions.totals().failedByCause());
        // its ports are free again: the table fills to capacity
        for (int i = 1; i < CAPACITY; i++) {
            create("after-" + i);
        }
    }
}
