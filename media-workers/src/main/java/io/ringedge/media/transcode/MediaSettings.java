package io.ringedge.media.transcode;

import io.ringedge.media.codec.opus.OpusSettings;
import io.ringedge.media.jitter.JitterSettings;

/**
 * Media settings of a worker that shape every call's pipelines, validated once.
 *
 * @param opus               Opus encoder choices for transcoded calls; its sample rate must be 8000,
 *                           the rate of the G.711 side, so no resampler sits in the path
 * @param jitterMinDelayMs   key {@code media.jitter.min-delay-ms}
 * @param jitterMaxDelayMs   key {@code media.jitter.max-delay-ms}
 */
public record MediaSettings(OpusSettings opus, int jitterMinDelayMs, int jitterMaxDelayMs) {
    public static final MediaSettings DEFAULT = new MediaSettings(OpusSettings.DEFAULT, 40, 200);

    public MediaSettings {
        if (opus.sampleRate() != 8000) {
            throw new IllegalArgumentException("transcoding runs Opus at 8000 Hz, the G.711 rate; was " + opus.sampleRate());
        }
        // Validates the bounds now, with the keys named, rather than at the first call.
        new JitterSettings(8000, jitterMinDelayMs, jitterMaxDelayMs);
    }

    JitterSettings jitter(int clockRate) {
        return new JitterSettings(clockRate, jitterMinDelayMs, jitterMaxDelayMs);
    }
}
