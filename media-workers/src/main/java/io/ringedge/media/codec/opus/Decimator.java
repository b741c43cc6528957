package io.ringedge.media.codec.opus;

/**
 * Low-pass filters and decimates 48 kHz frames to a lower Opus rate by an integer factor, keeping
 * the filter history between frames; no allocation after construction. A Hamming-windowed sinc of
 * 16 taps per output sample, cut at 3.4 kHz for 8 kHz output (the telephone band G.711 carries
 * anyway) and at 85 % of Nyquist otherwise.
 */
final class Decimator {
    private final int factor;
    private final int inputFrame;
    private final float[] taps;
    private final float[] window;

    Decimator(int outputRate) {
        factor = 48_000 / outputRate;
        inputFrame = 960;
        int length = 16 * factor;
        taps = new float[length];
        double cutoff = (outputRate == 8000 ? 3400.0 : 0.425 * outputRate) / 48_000;
        double middle = (length - 1) / 2.0;
        double sum = 0;
        for (int k = 0; k < length; k++) {
            double x = k - middle;
            double sinc = x == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            double hamming = 0.54 - 0.46 * Math.cos(2 * Math.PI * k / (length - 1));
            taps[k] = (float) (sinc * hamming);
            sum += taps[k];
        }
        for (int k = 0; k < length; k++) {
            taps[k] /= (float) sum;
        }
        window = new float[length - 1 + inputFrame];
    }

    /** Takes one 20 ms frame at 48 kHz from {@code wide} and writes {@code 960 / factor} samples to {@code out}. */
    void process(short[] wide, short[] out, int outOffset) {
        int history = taps.length - 1;
        for (int i = 0; i < inputFrame; i++) {
            window[history + i] = wide[i];
        }
        int outputs = inputFrame / factor;
        for (int j = 0; j < outputs; j++) {
            float acc = 0;
            // Output j is input sample n = j * factor + factor - 1 of this frame, at window[history + n];
            // the taps are symmetric, so sum(h[k] * x[n - k]) reads window[n .. n + history].
            int n = j * factor + factor - 1;
            for (int k = 0; k < taps.length; k++) {
                acc += taps[k] * window[n + k];
            }
            out[outOffset + j] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
        }
        System.arraycopy(window, inputFrame, window, 0, history);
    }
}
