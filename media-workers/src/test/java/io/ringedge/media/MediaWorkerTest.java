package io.ringedge.media;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.ringedge.embedded.EmbeddedRedis;
import io.ringedge.media.control.ControlResult;
import io.ringedge.media.control.FreePorts;
import io.ringedge.media.control.MediaControlClient;
import io.ringedge.media.control.SessionCreated;
import io.ringedge.media.registry.WorkerDirectory;
import io.ringedge.media.registry.WorkerInfo;
import io.ringedge.media.registry.WorkerRegistry;
import io.ringedge.media.sdp.Fingerprint;
import io.ringedge.media.sdp.SdpFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole worker as main wires it: registry on a real Redis, control API on real HTTP. */
class MediaWorkerTest {

    @Test
    void registersServesAndLeaves(@TempDir Path dir) throws Exception {
        Path certificate = selfSignedCertificate(dir);
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
                      dtls:
                        certificate-file: "%s"
                    redis:
                      uri: "%s"
                    """.formatted(pbx, pbx + 7, device, device + 3, certificate, redis.uri()));
            MediaConfig config = MediaConfig.from(MediaWorkerMain.config(new String[]{"--config", yaml.toString()}));
            Fingerprint fingerprint = MediaWorkerMain.certificateFingerprint(config);
            assertEquals(keytoolSha256(certificate), fingerprint.hex());

            try (WorkerRegistry registry = WorkerRegistry.connect(URI.create(redis.uri()), "ringedge", Duration.ofSeconds(2));
                 MediaControlClient client = new MediaControlClient(Duration.ofSeconds(2), Duration.ofSeconds(5))) {
                WorkerDirectory directory = new WorkerDirectory(registry);
                try (MediaWorker worker = MediaWorker.start(config, () -> fingerprint)) {
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
    void mainNeedsTheCertificateAndReadableFiles(@TempDir Path dir) throws IOException {
        MediaConfig config = MediaConfig.from(Config.just(io.helidon.config.ConfigSources.create(
                java.util.Map.of("media.worker-id", "w", "media.bind-address", "127.0.0.1"))));
        ConfigException missing = assertThrows(ConfigException.class, () -> MediaWorkerMain.certificateFingerprint(config));
        assertTrue(missing.getMessage().startsWith("media.dtls.certificate-file: required"), missing.getMessage());

        Path garbage = Files.writeString(dir.resolve("cert.pem"), "not a certificate");
        MediaConfig withGarbage = new MediaConfig(config.workerId(), config.bindAddress(), config.advertisedAddress(),
                config.pbxPortRange(), config.devicePortRange(), config.controlBindAddress(), config.controlPort(),
                config.controlUrl(),
                config.capacity(), config.registryTtl(), Optional.of(garbage), config.redisUri(), config.redisKeyPrefix());
        ConfigException unreadable = assertThrows(ConfigException.class,
                () -> MediaWorkerMain.certificateFingerprint(withGarbage));
        assertTrue(unreadable.getMessage().startsWith("media.dtls.certificate-file: cannot read"), unreadable.getMessage());

        IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class,
                () -> MediaWorkerMain.config(new String[]{"--config", dir.resolve("absent.yaml").toString()}));
        assertTrue(noFile.getMessage().startsWith("--config: cannot read"));
    }

    /** A self-signed certificate made by the JDK's keytool, exported as PEM. */
    static Path selfSignedCertificate(Path dir) throws IOException, InterruptedException {
        Path store = dir.resolve("worker.p12");
        Path pem = dir.resolve("worker.pem");
        keytool("-genkeypair", "-alias", "dtls", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=ringedge-media", "-validity", "30", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "dtls", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        return pem;
    }

    /** keytool's own SHA-256 of the certificate, an independent check of ours. */
    static String keytoolSha256(Path pem) throws IOException, InterruptedException {
        String out = keytool("-printcert", "-file", pem.toString());
        return out.lines().map(String::trim).filter(l -> l.startsWith("SHA256:")).findFirst().orElseThrow()
                .substring("SHA256:".length()).trim();
    }

    private static String keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out;
    }
}
