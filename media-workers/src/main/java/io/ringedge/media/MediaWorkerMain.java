package io.ringedge.media;

import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.runtime.Running;
import io.ringedge.runtime.ServiceMain;
import io.ringedge.runtime.observe.ObserveConfig;

/**
 * Runs one media worker as its own process: {@code MediaWorkerMain [--config worker.yaml]}, with
 * the keys of {@link MediaConfig} read from system properties, the environment, the file and
 * {@code media-worker-defaults.yaml}, like every Ringedge service.
 *
 * <p>The DTLS certificate is generated at each start: browsers pin nothing across calls, only the
 * fingerprint of the offer they are answering (RFC 8827 §6.5 allows per-session or per-process
 * certificates), so a stable certificate buys nothing and would be one more secret to manage.
 */
public final class MediaWorkerMain {

    private MediaWorkerMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run("media-worker", args, "media-worker-defaults.yaml", ObserveConfig.MEDIA_WORKER_PORT,
                (config, metrics) -> Running.whenStarted(
                        MediaWorker.start(MediaConfig.from(config), DtlsCertificate.generate())));
    }
}
