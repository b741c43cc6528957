package io.ringedge.bench.jmh;

import io.ringedge.media.codec.opus.OpusFrameDecoder;
import io.ringedge.media.codec.opus.OpusFrameEncoder;
import io.ringedge.media.codec.opus.OpusSettings;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-frame Opus cost with the worker's settings ({@link OpusSettings#DEFAULT}: 8 kHz, complexity
 * 3, in-band FEC, 24 kbit/s) and the variants the parameters name (e.g.
 * {@code -p complexity=1,3,5 -p fec=true,false}): encoding a 20 ms frame of a speech-like signal (a tone with a slow glide, so
 * SILK's analysis has work to do) and decoding one of the packets that produces. A second of
 * audio is cycled so the codec state moves as in a call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OpusBenchmark {
    private static final int FRAMES = 50;

    /** Encoder complexity, {@code media.opus.complexity}. */
    @Param({"3"})
    public int complexity;

    /** In-band FEC (LBRR), {@code media.opus.inband-fec}. */
    @Param({"true"})
    public boolean fec;

    /** Target bit rate, {@code media.opus.bitrate}. */
    @Param({"24000"})
    public int bitrate;

    private final short[][] pcm = new short[FRAMES][];
    private final byte[][] packets = new byte[FRAMES][];
    private final byte[] out = new byte[1500];
    private short[] decoded;
    private OpusFrameEncoder encoder;
    private OpusFrameDecoder decoder;
    private int frame;

    @Setup
    public void codecs() {
        OpusSettings d = OpusSettings.DEFAULT;
        OpusSettings settings = new OpusSettings(d.sampleRate(), complexity, bitrate, fec, d.dtx(), d.expectedLossPercent());
        encoder = new OpusFrameEncoder(settings);
        decoder = new OpusFrameDecoder(settings);
        int samples = encoder.samplesPerFrame();
        decoded = new short[decoder.samplesPerFrame()];
        OpusFrameEncoder primer = new OpusFrameEncoder(settings);
        for (int f = 0; f < FRAMES; f++) {
            pcm[f] = new short[samples];
            for (int s = 0; s < samples; s++) {
                double t = (f * samples + s) / 8000.0;
                double hz = 300 + 200 * Math.sin(2 * Math.PI * 0.5 * t);
                pcm[f][s] = (short) (6000 * Math.sin(2 * Math.PI * hz * t) + 1500 * Math.sin(2 * Math.PI * 3 * hz * t));
            }
            int length = primer.encode(pcm[f], 0, out, 0, out.length);
            packets[f] = java.util.Arrays.copyOf(out, length);
        }
    }

    @Benchmark
    public int encode() {
        int f = frame++ % FRAMES;
        return encoder.encode(pcm[f], 0, out, 0, out.length);
    }

    @Benchmark
    public int decode() {
        byte[] packet = packets[frame++ % FRAMES];
        return decoder.decode(packet, 0, packet.length, decoded, 0);
    }
}
