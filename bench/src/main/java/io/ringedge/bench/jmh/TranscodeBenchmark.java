package io.ringedge.bench.jmh;

import io.ringedge.media.codec.g711.G711;
import io.ringedge.media.codec.opus.OpusFrameEncoder;
import io.ringedge.media.codec.opus.OpusSettings;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.rtp.RtpPacket;
import io.ringedge.media.rtp.RtpPacketPool;
import io.ringedge.media.transcode.AudioCodec;
import io.ringedge.media.transcode.LegFormat;
import io.ringedge.media.transcode.MediaDirection;
import io.ringedge.media.transcode.MediaPipelines;
import io.ringedge.media.transcode.MediaSettings;
import java.util.Random;
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
 * One 20 ms tick of a transcoded call's media path, both directions, as the worker runs it on the
 * call's loop (no sockets, no SRTP): a PCMU packet from the PBX and an Opus packet from the
 * device go into their directions (RTP check, jitter buffer), then each direction's tick decodes,
 * re-encodes and writes the outgoing RTP packet. Against {@link OpusBenchmark}'s encode + decode
 * this shows what the path adds around the codecs. With {@code calls} above one, each operation
 * ticks the next of that many calls in turn, as a loop serving many calls does: their codec states
 * no longer all fit in the CPU's caches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TranscodeBenchmark {
    private static final int FRAMES = 50;
    private static final int PCM_FRAME = 160;

    /** Encoder complexity, {@code media.opus.complexity}. */
    @Param({"3"})
    public int complexity;

    /** In-band FEC (LBRR), {@code media.opus.inband-fec}. */
    @Param({"true"})
    public boolean fec;

    /** Calls ticked in turn. */
    @Param({"1", "50"})
    public int calls;

    private final byte[][] pcmu = new byte[FRAMES][];
    private final byte[][] opus = new byte[FRAMES][];
    private RtpPacketPool pool;
    private MediaDirection[] toDevice;
    private MediaDirection[] toPbx;
    private int call;
    private int frame;

    @Setup
    public void call() {
        OpusSettings d = OpusSettings.DEFAULT;
        OpusSettings settings = new OpusSettings(d.sampleRate(), complexity, d.bitrate(), fec, d.dtx(), d.expectedLossPercent());
        MediaSettings media = new MediaSettings(settings, MediaSettings.DEFAULT.jitterMinDelayMs(),
                MediaSettings.DEFAULT.jitterMaxDelayMs());
        OpusFrameEncoder browser = new OpusFrameEncoder(settings);
        byte[] out = new byte[1500];
        for (int f = 0; f < FRAMES; f++) {
            short[] pcm = new short[PCM_FRAME];
            for (int s = 0; s < PCM_FRAME; s++) {
                double t = (f * PCM_FRAME + s) / 8000.0;
                double hz = 300 + 200 * Math.sin(2 * Math.PI * 0.5 * t);
                pcm[s] = (short) (6000 * Math.sin(2 * Math.PI * hz * t) + 1500 * Math.sin(2 * Math.PI * 3 * hz * t));
            }
            pcmu[f] = new byte[PCM_FRAME];
            G711.PCMU.encode(pcm, 0, pcmu[f], 0, PCM_FRAME);
            opus[f] = java.util.Arrays.copyOf(out, browser.encode(pcm, 0, out, 0, out.length));
        }
        pool = new RtpPacketPool(8);
        MediaPipelines pipelines = new MediaPipelines(media, new Random(1));
        LegFormat pbx = new LegFormat(AudioCodec.PCMU, 0, 101, 1);
        LegFormat device = new LegFormat(AudioCodec.OPUS, 111, 126, 2);
        toDevice = new MediaDirection[calls];
        toPbx = new MediaDirection[calls];
        for (int c = 0; c < calls; c++) {
            toDevice[c] = pipelines.direction(pbx, device, pool);
            toPbx[c] = pipelines.direction(device, pbx, pool);
        }
    }

    @Benchmark
    public int tick() {
        int c = call;
        int f = frame;
        if (++call == calls) {
            call = 0;
            frame++;
        }
        long nowMs = 20L * f;
        receive(toDevice[c], 0, f, 160L * f, pcmu[f % FRAMES], nowMs);
        receive(toPbx[c], 111, f, 960L * f, opus[f % FRAMES], nowMs);
        return sent(toDevice[c].tick(nowMs)) + sent(toPbx[c].tick(nowMs));
    }

    private void receive(MediaDirection direction, int payloadType, int sequence, long timestamp, byte[] payload, long nowMs) {
        RtpPacket packet = pool.acquire();
        RtpHeader.writeFixed(packet.buffer(), 0, false, payloadType, sequence & 0xFFFF, timestamp, 7);
        System.arraycopy(payload, 0, packet.buffer(), RtpHeader.FIXED_LENGTH, payload.length);
        packet.setLength(RtpHeader.FIXED_LENGTH + payload.length);
        RtpPacket out = direction.receive(packet, nowMs);
        pool.release(packet);
        if (out != null && out != packet) {
            pool.release(out);
        }
    }

    private int sent(RtpPacket out) {
        if (out == null) {
            return 0;
        }
        int length = out.length();
        pool.release(out);
        return length;
    }
}
