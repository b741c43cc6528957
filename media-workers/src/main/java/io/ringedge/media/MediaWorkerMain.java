package io.ringedge.media;

import io.helidon.config.Config;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.runtime.Running;
import io.ringedge.runtime.ServiceMain;
import io.ringedge.runtime.observe.MediaMeters;
import io.ringedge.runtime.observe.MeterRegistry;
import io.ringedge.runtime.observe.ObserveConfig;

/**
 * Runs one media worker as its own process: {@code MediaWorkerMain [--config worker.yaml]}, with
 * the keys of {@link MediaConfig} read from system properties, the environment, the file and
 * {@code media-worker-defaults.yaml}, like every Ringedge service.
 *
 * <p>Its health and metrics are served on {@code observe.port} (9104): the media meters
 * ({@link MediaMeters}) read the worker's session totals at each scrape.
 *
 * <p>The DTLS certificate is generated at each start: browsers pin nothing across calls, only the
 * fingerprint of the offer they are answering (RFC 8827 §6.5 allows per-session or per-process
 * certificates), so a stable certificate buys nothing and would be one more secret to manage.
 */
public final class MediaWorkerMain {

    /** The classpath resource with the worker's defaults. */
    static final String DEFAULTS = "media-worker-defaults.yaml";

    private MediaWorkerMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run("media-worker", args, DEFAULTS, ObserveConfig.MEDIA_WORKER_PORT, MediaWorkerMain::start);
    }

    /** The worker with its meters in {@code metrics}, as the process runs it (and the tests, through it). */
    static Running start(Config config, MeterRegistry metrics) {
        MediaWorker worker = MediaWorker.start(MediaConfig.from(config), DtlsCertificate.generate());
        MediaMeters.register(metrics, worker::totals);
        return Running.whenStarted(worker);
    }
}
