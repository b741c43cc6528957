package io.ringedge.media.control;

import io.ringedge.media.MediaConfig.PortRange;
import io.ringedge.media.control.internal.SocketSessionFactory;
import io.ringedge.media.control.internal.UdpPortPool;
import io.ringedge.media.sdp.SdpFixtures;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MediaSessionsTest {

    @Test
    void concurrentCreationNeverOvershootsCapacityAndDeletionFreesEverything() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int pbx = FreePorts.evenBlock(40);
        int device = FreePorts.block(20);
        SocketSessionFactory factory = new SocketSessionFactory(
                new UdpPortPool(loopback, new PortRange(pbx, pbx + 39), 2),
                new UdpPortPool(loopback, new PortRange(device, device + 19), 1),
                loopback, () -> ControlApiTest.FINGERPRINT);
        try (MediaSessions sessions = new MediaSessions(factory, 5, Clock.systemUTC());
             ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Callable<CreateOutcome>> creations = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String callId = "call-" + i;
                creations.add(() -> sessions.create(callId, SdpFixtures.ASTERISK_OFFER));
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
            assertEquals(5, created.size());
            assertEquals(35, refused);
            assertEquals(5, sessions.count());

            created.forEach(sessions::delete);
            assertEquals(0, sessions.count());
            // every port is back: the pools can fill all 5 sessions again
            for (int i = 0; i < 5; i++) {
                assertEquals(CreateOutcome.Created.class,
                        sessions.create("again-" + i, SdpFixtures.ASTERISK_OFFER).getClass());
            }
        }
    }
}
