package io.ringedge.media.codec.opus;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * Times encode + decode of one 20 ms frame per (sample rate, complexity) choice, a plain main rather
 * than JMH so it runs anywhere: {@code java -cp <test-classes>:<classes>:<test classpath>
 * io.ringedge.media.codec.opus.OpusCostMeasurement}. The signal is a speech-like mix (a
 * harmonics-rich voiced tone with a syllable envelope, and noise) so SILK does real work.
 *
 * <p>This machine is shared, so it reads the thread's CPU time rather than the wall clock, runs the
 * choices interleaved in many short rounds so that load bursts hit all of them alike, and keeps
 * each choice's best round: the cost of the codec, not of waiting for a core.
 */
public final class OpusCostMeasurement {
    private static final int WARMUP_FRAMES = 2000;
    private static final int ROUND_FRAMES = 250;
    private static final int ROUNDS = 16;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private OpusCostMeasurement() {
    }

    public static void main(String[] args) {
        int[][] choices = {{8000, 1}, {8000, 5}, {8000, 10}, {16000, 5}, {48000, 5}, {48000, 10}};
        Codec[] codecs = new Codec[choices.length];
        long[] best = new long[choices.length];
        for (int c = 0; c < choices.length; c++) {
            codecs[c] = new Codec(OpusSettings.DEFAULT.withSampleRate(choices[c][0]).withComplexity(choices[c][1]));
            codecs[c].run(WARMUP_FRAMES);
            best[c] = Long.MAX_VALUE;
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int c = 0; c < choices.length; c++) {
                long start = THREADS.getCurrentThreadCpuTime();
                codecs[c].run(ROUND_FRAMES);
                best[c] = Math.min(best[c], THREADS.getCurrentThreadCpuTime() - start);
            }
        }
        for (int c = 0; c < choices.length; c++) {
            System.out.printf("rate %5d complexity %2d: %6.1f us per frame pair (encode+decode)%n",
                    choices[c][0], choices[c][1], best[c] / 1000.0 / ROUND_FRAMES);
        }
        // The PBX direction decodes what the browser sends: narrowband SILK as our SDP asks, or
        // hybrid packets, which take the 48 kHz decoder and the decimator.
        System.out.printf("decode to 8 kHz, SILK narrowband packets: %6.1f us per frame%n",
                decodeOnly(OpusSettings.DEFAULT));
        System.out.printf("decode to 8 kHz, hybrid 32 kbit/s packets: %6.1f us per frame%n",
                decodeOnly(new OpusSettings(48000, 5, 32_000, true, false, 10)));
    }

    private static double decodeOnly(OpusSettings sender) {
        OpusFrameEncoder encoder = new OpusFrameEncoder(sender);
        short[] signal = speechLike(sender.sampleRate(), sender.samplesPerFrame() * 250);
        byte[][] packets = new byte[250][];
        byte[] out = new byte[OpusRtp.MAX_PACKET];
        for (int f = 0; f < packets.length; f++) {
            packets[f] = java.util.Arrays.copyOf(out, encoder.encode(signal, f * sender.samplesPerFrame(), out, 0, out.length));
        }
        OpusFrameDecoder decoder = new OpusFrameDecoder(OpusSettings.DEFAULT);
        short[] pcm = new short[OpusSettings.DEFAULT.samplesPerFrame()];
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS + 8; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (byte[] packet : packets) {
                decoder.decode(packet, 0, packet.length, pcm, 0);
            }
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - start);
        }
        return best / 1000.0 / packets.length;
    }

    private static final class Codec {
        private final OpusFrameEncoder encoder;
        private final OpusFrameDecoder decoder;
        private final short[] signal;
        private final short[] out;
        private final byte[] packet = new byte[OpusRtp.MAX_PACKET];
        private int frame;

        Codec(OpusSettings settings) {
            encoder = new OpusFrameEncoder(settings);
            decoder = new OpusFrameDecoder(settings);
            signal = speechLike(settings.sampleRate(), settings.samplesPerFrame() * 250);
            out = new short[settings.samplesPerFrame()];
        }

        void run(int frames) {
            int n = encoder.samplesPerFrame();
            int framesInSignal = signal.length / n;
            for (int f = 0; f < frames; f++, frame++) {
                int length = encoder.encode(signal, (frame % framesInSignal) * n, packet, 0, packet.length);
                decoder.decode(packet, 0, length, out, 0);
            }
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
