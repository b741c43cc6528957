package io.ringedge.media.codec.opus;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * Times encode + decode of one 20 ms frame per (sample rate, complexity) choice, a plain main rather
 * than JMH so it runs anywhere: {@code java -cp <test-classes>:<classes>:<concentus.jar>
 * io.ringedge.media.codec.opus.OpusCostMeasurement}. The signal is a speech-like mix (two
 * harmonics-rich voiced tones with a syllable envelope and noise) so SILK does real work. It reads
 * the thread's CPU time, not the wall clock, because this machine is shared: the result is the cost
 * of the codec, not of waiting for a core. Each choice runs several rounds; the best round counts.
 */
public final class OpusCostMeasurement {
    private static final int WARMUP_FRAMES = 2000;
    private static final int MEASURED_FRAMES = 1000;
    private static final int ROUNDS = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private OpusCostMeasurement() {
    }

    public static void main(String[] args) {
        int[][] choices = {{8000, 1}, {8000, 5}, {8000, 10}, {16000, 5}, {48000, 5}, {48000, 10}};
        for (int[] choice : choices) {
            OpusSettings settings = OpusSettings.DEFAULT.withSampleRate(choice[0]).withComplexity(choice[1]);
            System.out.printf("rate %5d complexity %2d: %6.1f us per frame pair (encode+decode)%n",
                    choice[0], choice[1], microsPerFramePair(settings));
        }
    }

    static double microsPerFramePair(OpusSettings settings) {
        OpusFrameEncoder encoder = new OpusFrameEncoder(settings);
        OpusFrameDecoder decoder = new OpusFrameDecoder(settings);
        int n = settings.samplesPerFrame();
        short[] signal = speechLike(settings.sampleRate(), n * 250);
        short[] out = new short[n];
        byte[] packet = new byte[1275];
        run(encoder, decoder, signal, out, packet, WARMUP_FRAMES);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            run(encoder, decoder, signal, out, packet, MEASURED_FRAMES);
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - start);
        }
        return best / 1000.0 / MEASURED_FRAMES;
    }

    private static void run(OpusFrameEncoder encoder, OpusFrameDecoder decoder, short[] signal, short[] out,
                            byte[] packet, int frames) {
        int n = encoder.samplesPerFrame();
        int framesInSignal = signal.length / n;
        for (int f = 0; f < frames; f++) {
            int length = encoder.encode(signal, (f % framesInSignal) * n, packet, 0, packet.length);
            decoder.decode(packet, 0, length, out, 0);
        }
    }

    static short[] speechLike(int rate, int count) {
        Random random = new Random(7);
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            double t = (double) i / rate;
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            double f0 = 140 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
            double voiced = 0;
            for (int h = 1; h <= 12 && h * f0 < rate / 2.0; h++) {
                voiced += Math.sin(2 * Math.PI * h * f0 * t) / h;
            }
            out[i] = (short) (6000 * envelope * voiced + 300 * random.nextGaussian());
        }
        return out;
    }
}
