package io.ringedge.media;

/** Test signals and measurements: tones, Goertzel power at one frequency, energy, SNR. */
public final class Audio {
    private Audio() {
    }

    /** A sine of {@code hz} at {@code amplitude}, {@code count} samples at {@code rate}, continuing from sample {@code start}. */
    public static short[] tone(double hz, int amplitude, int rate, long start, int count) {
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (start + i) / rate));
        }
        return out;
    }

    /**
     * The media benchmark's speech-level signal at 8 kHz: a tone gliding 300..500 Hz twice a second
     * with its third harmonic. Its Opus packets are the ones that showed concentus's SILK overflow.
     */
    public static short[] glide(long start, int count) {
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            double t = (start + i) / 8000.0;
            double hz = 400 + 100 * Math.sin(2 * Math.PI * 2 * t);
            out[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * hz * t) + 1500 * Math.sin(6 * Math.PI * hz * t));
        }
        return out;
    }

    /** Goertzel power of {@code hz} in {@code x[offset, offset + count)}, normalised so a sine of amplitude A gives about A²/4. */
    public static double goertzel(short[] x, int offset, int count, double hz, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < count; i++) {
            double s0 = x[offset + i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return power / ((double) count * count);
    }

    /** Mean square of {@code x[offset, offset + count)}. */
    public static double energy(short[] x, int offset, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (double) x[offset + i] * x[offset + i];
        }
        return sum / count;
    }

    /** Signal-to-noise ratio in dB of {@code actual} against {@code reference}, sample aligned. */
    public static double snrDb(short[] reference, int refOffset, short[] actual, int actualOffset, int count) {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < count; i++) {
            double r = reference[refOffset + i];
            double d = r - actual[actualOffset + i];
            signal += r * r;
            noise += d * d;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }
}
