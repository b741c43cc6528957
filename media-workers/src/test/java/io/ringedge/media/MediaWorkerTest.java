package io.ringedge.media;

import io.helidon.config.ConfigException;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.media.control.ControlResult;
import io.ringedge.media.control.FreePorts;
import io.ringedge.media.control.MediaControlClient;
import io.ringedge.media.control.SessionCreated;
import io.ringedge.media.registry.WorkerDirectory;
import io.ringedge.media.registry.WorkerInfo;
import io.ringedge.media.registry.WorkerRegistry;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.runtime.ConfigLoader;
import io.ringedge.media.sdp.Fingerprint;
import io.ringedge.media.sdp.SdpFixtures;
import io.ringedge.runtime.redis.RedisLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole worker as main wires it: registry on a real Redis, control API on real HTTP. */
class MediaWorkerTest {

    @Test
    void registersServesAndLeaves(@TempDir Path dir) throws Exception {
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            int pbx = FreePorts.evenBlock(8);
            int device = FreePorts.block(4);
            Path yaml = dir.resolve("worker.yaml");
            Files.writeString(yaml, """
                    media:
                      worker-id: "worker-it"
                      bind-address: "127.0.0.1"
                      pbx-port-range: "%d-%d"
                      device-port-range: "%d-%d"
                      control:
                        port: 0
                      capacity: 4
                      registry:
                        ttl-seconds: 3
                    redis:
                      uri: "%s"
                    """.formatted(pbx, pbx + 7, device, device + 3, redis.uri()));
            MediaConfig config = MediaConfig.from(ConfigLoader.load("media-worker-defaults.yaml", Optional.of(yaml), Map.of()));
            DtlsCertificate certificate = DtlsCertificate.generate();
            Fingerprint fingerprint = Fingerprint.sha256(certificate.fingerprint().sha256());

            try (WorkerRegistry registry = WorkerRegistry.connect(RedisLink.Settings.standalone(URI.create(redis.uri()), Duration.ofSeconds(2)), "ringedge");
                 MediaControlClient client = new MediaControlClient(Duration.ofSeconds(2), Duration.ofSeconds(5))) {
                WorkerDirectory directory = new WorkerDirectory(registry);
                try (MediaWorker worker = MediaWorker.start(config, certificate)) {
                    WorkerInfo picked = directory.pickLeastLoaded().orElseThrow();
                    assertEquals(new WorkerInfo("worker-it", worker.controlUrl(), 4, 0), picked);

                    ControlResult<SessionCreated> created = client.createSession(picked.controlUrl(), "call-it",
                            SdpFixtures.ASTERISK_OFFER).get();
                    String offer = assertInstanceOf(ControlResult.Ok.class, created).value() instanceof SessionCreated s
                            ? s.deviceOffer() : "";
                    assertTrue(offer.contains("a=fingerprint:sha-256 " + fingerprint.hex()), offer);
                    assertEquals(1, worker.sessions());
                    // the next heartbeat (every ttl/3 = 1 s) carries the new load
                    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (directory.liveWorkers().get(0).load() != 1) {
                        assertTrue(System.nanoTime() < deadline, "load never reached the registry");
                        Thread.sleep(100);
                    }
                }
                assertEquals(List.of(), directory.liveWorkers(), "an orderly stop leaves the registry at once");
            }
        }
    }

    @Test
    void configurationNeedsAWorkerIdAndAReadableFile(@TempDir Path dir) {
        ConfigException noId = assertThrows(ConfigException.class, () -> MediaConfig.from(
                ConfigLoader.load("media-worker-defaults.yaml", Optional.empty(), Map.of())));
        assertTrue(noId.getMessage().startsWith("media.worker-id: required"), noId.getMessage());
        IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(
                "media-worker-defaults.yaml", Optional.of(dir.resolve("absent.yaml")), Map.of()));
        assertTrue(noFile.getMessage().startsWith("--config: cannot read"));
    }

}
