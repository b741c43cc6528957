package io.ringedge.media.codec.g711;

/**
 * Packet loss concealment for 8 kHz G.711 audio, after ITU-T G.711 Appendix I in simplified form:
 * on an erasure, the last pitch period of the good history (5..15 ms, found by normalised
 * autocorrelation) is repeated; after the first 10 ms of erasure the output is attenuated by 20 %
 * per 10 ms, so after 60 ms it is silence (Appendix I §I.2.4 does the same, because repeating a
 * period for longer sounds buzzy). The first 4 ms of the next good frame are cross-faded from the
 * synthetic signal (§I.2.7). Unlike Appendix I it repeats one period only, not up to three.
 *
 * <p>One instance per stream and thread; no allocation after construction.
 */
public final class G711Concealer {
    private static final int HISTORY = 390;
    private static final int MIN_PITCH = 40;
    private static final int MAX_PITCH = 120;
    private static final int CORRELATION_WINDOW = 160;
    private static final int FULL_GAIN_SAMPLES = 80;
    private static final int FADE_SAMPLES = 400;
    private static final int CROSS_FADE = 32;

    private final short[] history = new short[HISTORY];
    private final short[] period = new short[MAX_PITCH];
    private int pitch;
    private int pitchPosition;
    private int erasedSamples;

    /** Passes a good frame through (cross-fading it in after an erasure) and remembers it. */
    public void good(short[] pcm, int offset, int count) {
        if (erasedSamples > 0) {
            int fade = Math.min(CROSS_FADE, count);
            for (int i = 0; i < fade; i++) {
                float synthetic = nextSynthetic();
                float weight = (i + 1) / (float) (fade + 1);
                pcm[offset + i] = (short) Math.round(weight * pcm[offset + i] + (1 - weight) * synthetic);
            }
            erasedSamples = 0;
        }
        remember(pcm, offset, count);
    }

    /** Writes {@code count} concealment samples for a lost frame. */
    public void conceal(short[] out, int offset, int count) {
        if (erasedSamples == 0) {
            pitch = estimatePitch();
            System.arraycopy(history, HISTORY - pitch, period, 0, pitch);
            pitchPosition = 0;
        }
        for (int i = 0; i < count; i++) {
            out[offset + i] = (short) Math.round(nextSynthetic());
        }
        remember(out, offset, count);
    }

    private float nextSynthetic() {
        float gain = erasedSamples < FULL_GAIN_SAMPLES ? 1f
                : Math.max(0f, 1f - (erasedSamples - FULL_GAIN_SAMPLES) / (float) FADE_SAMPLES);
        // period[0] is one pitch before the first missing sample, so the repetition starts in phase.
        float sample = gain * period[pitchPosition % pitch];
        pitchPosition++;
        erasedSamples++;
        return sample;
    }

    private int estimatePitch() {
        int end = HISTORY;
        int best = MIN_PITCH;
        double bestScore = -Double.MAX_VALUE;
        for (int lag = MIN_PITCH; lag <= MAX_PITCH; lag++) {
            double cross = 0;
            double energy = 1e-9;
            for (int i = end - CORRELATION_WINDOW; i < end; i++) {
                cross += (double) history[i] * history[i - lag];
                energy += (double) history[i - lag] * history[i - lag];
            }
            double score = cross / Math.sqrt(energy);
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    private void remember(short[] pcm, int offset, int count) {
        int keep = Math.max(0, HISTORY - count);
        System.arraycopy(history, HISTORY - keep, history, 0, keep);
        int copy = Math.min(count, HISTORY);
        System.arraycopy(pcm, offset + count - copy, history, HISTORY - copy, copy);
    }
}
