package io.ringedge.media.jitter;

/**
 * Bounds of the adaptive playout delay of one jitter buffer, validated once.
 *
 * @param clockRate  RTP clock of the stream (8000 for G.711, 48000 for Opus, RFC 7587 §4.1)
 * @param minDelayMs lowest target delay; key {@code media.jitter.min-delay-ms}, 20..1000, a multiple of 20
 * @param maxDelayMs highest target delay; key {@code media.jitter.max-delay-ms}, min..1000, a multiple of 20
 */
public record JitterSettings(int clockRate, int minDelayMs, int maxDelayMs) {
    public static final int FRAME_MS = 20;

    public JitterSettings {
        if (clockRate <= 0 || clockRate % 1000 != 0) {
            throw new IllegalArgumentException("clock rate must be a positive multiple of 1000, was " + clockRate);
        }
        if (minDelayMs < FRAME_MS || minDelayMs > 1000 || minDelayMs % FRAME_MS != 0) {
            throw new IllegalArgumentException("media.jitter.min-delay-ms: must be a multiple of 20 in 20..1000, was " + minDelayMs);
        }
        if (maxDelayMs < minDelayMs || maxDelayMs > 1000 || maxDelayMs % FRAME_MS != 0) {
            throw new IllegalArgumentException("media.jitter.max-delay-ms: must be a multiple of 20 in "
                    + minDelayMs + "..1000, was " + maxDelayMs);
        }
    }

    /** 40 ms .. 200 ms: two frames absorb ordinary LAN/Wi-Fi jitter; 200 ms keeps mouth-to-ear delay under G.114's 400 ms. */
    public static JitterSettings defaults(int clockRate) {
        return new JitterSettings(clockRate, 40, 200);
    }

    public int timestampPerFrame() {
        return clockRate / 1000 * FRAME_MS;
    }

    public int minFrames() {
        return minDelayMs / FRAME_MS;
    }

    public int maxFrames() {
        return maxDelayMs / FRAME_MS;
    }

    /** Ring size: the largest delay plus room for packets arriving early during a burst. */
    public int capacityFrames() {
        return maxFrames() + 8;
    }
}
