package io.ringedge.media.control;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.PortRange;
import io.ringedge.media.UdpPortAllocator;
import io.ringedge.media.loop.MediaLoops;
import io.ringedge.media.control.internal.SocketSessionFactory;
import io.ringedge.media.sdp.SdpFixtures;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        MediaConfig config = MediaConfig.from(Config.just(ConfigSources.create(Map.of(
                MediaConfig.WORKER_ID, "w1", MediaConfig.CAPACITY, "5",
                MediaConfig.PBX_PORT_RANGE, pbx + "-" + (pbx + 39),
                MediaConfig.DEVICE_PORT_RANGE, device + "-" + (device + 19)))));
        MediaLoops loops = new MediaLoops(2, "test-media");
        SocketSessionFactory factory = new SocketSessionFactory(config, loops,
                new UdpPortAllocator(loopback, config.pbxPortRange(), 2),
                new UdpPortAllocator(loopback, config.devicePortRange(), 1), ControlApiTest.CERTIFICATE);
        try (loops; MediaSessions sessions = new MediaSessions(factory, 5, Clock.systemUTC());
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
