package io.ringedge.media;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import io.ringedge.media.registry.WorkerRegistryUnavailableException;
import io.ringedge.media.sdp.Fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one media worker as its own process: {@code MediaWorkerMain [--config worker.yaml]}.
 *
 * <p>Configuration layers, highest priority first: Java system properties, environment variables
 * ({@code MEDIA_WORKER_DASH_ID} is {@code media.worker-id}, Helidon's mapping), the {@code --config}
 * file. That is the launcher's order without its defaults file and overrides; the launcher's
 * {@code ConfigLoader} cannot be reused because the launcher depends on this module. Every key has
 * its default in {@link MediaConfig}.
 */
public final class MediaWorkerMain {

    private MediaWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MediaWorker worker;
        try {
            MediaConfig config = MediaConfig.from(config(args));
            Fingerprint fingerprint = certificateFingerprint(config);
            worker = MediaWorker.start(config, () -> fingerprint);
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("media worker: " + e.getMessage());
            System.exit(2);
            return;
        } catch (WorkerRegistryUnavailableException e) {
            System.err.println("media worker: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stopped.countDown();
        }, "media-worker-shutdown"));
        stopped.await();
    }

    /** The layered configuration for {@code args}; {@code --config} must name a readable file. */
    static Config config(String[] args) {
        Config.Builder builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.systemProperties().build())
                .addSource(ConfigSources.environmentVariables());
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                Path file = Path.of(args[++i]);
                if (!Files.isReadable(file)) {
                    throw new IllegalArgumentException("--config: cannot read " + file.toAbsolutePath());
                }
                builder.addSource(ConfigSources.file(file).build());
            } else {
                throw new IllegalArgumentException("usage: MediaWorkerMain [--config <file.yaml>], unexpected " + args[i]);
            }
        }
        return builder.build();
    }

    /**
     * The fingerprint offers advertise: that of the certificate the DTLS stack presents, read from
     * {@code media.dtls.certificate-file}, since a device drops a handshake whose certificate does
     * not match it (RFC 5763 §5).
     */
    static Fingerprint certificateFingerprint(MediaConfig config) {
        Path file = config.dtlsCertificateFile().orElseThrow(() -> new ConfigException(
                MediaConfig.DTLS_CERTIFICATE_FILE + ": required (the PEM certificate the worker's DTLS stack presents)"));
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return Fingerprint.sha256(certificate);
        } catch (IOException | CertificateException | ClassCastException e) {
            throw new ConfigException(MediaConfig.DTLS_CERTIFICATE_FILE + ": cannot read an X.509 certificate from "
                    + file + ": " + e.getMessage());
        }
    }
}
