package io.ringedge.e2e;

/**
 * How strongly one frequency is present in linear PCM: the Goertzel algorithm, a single DFT bin.
 * Used to find Chromium's fake microphone beep (400 Hz) in what the PBX received.
 */
final class Goertzel {

    private Goertzel() {
    }

    /** The amplitude of {@code hz} in {@code pcm[from, from + length)}: a full-scale sine there gives about half its peak. */
    static double amplitude(short[] pcm, int from, int length, double hz, int sampleRate) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / sampleRate);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < from + length; i++) {
            double s0 = pcm[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return Math.sqrt(Math.max(0, power)) / length;
    }

    /** Root mean square of {@code pcm[from, from + length)}. */
    static double rms(short[] pcm, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return length == 0 ? 0 : Math.sqrt(sum / length);
    }
}
