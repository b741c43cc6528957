package io.ringedge.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringedge.media.codec.g711.G711;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.rtp.RtpPacket;
import io.ringedge.media.rtp.RtpPacketPool;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-packet path of our own code allocates nothing (house style §3): pass-through, and the
 * G.711 ↔ G.711-law transcoding path (jitter buffer, concealment, encode, header). Opus is left
 * out: concentus allocates inside its encoder and decoder, which we cannot change.
 */
class AllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int WARM_UP_PACKETS = 20_000;
    private static final int ROUNDS = 5;

    @Test
    void passThroughAndG711TranscodingAllocateNothingPerPacket() {
        RtpPacketPool pool = new RtpPacketPool(8);
        MediaPipelines pipelines = new MediaPipelines(MediaSettings.DEFAULT, new Random(2));
        LegFormat pcmu = new LegFormat(AudioCodec.PCMU, 0, 101, 1);
        MediaDirection passThrough = pipelines.direction(pcmu, new LegFormat(AudioCodec.PCMU, 0, 126, 2), pool);
        MediaDirection transcoding = pipelines.direction(pcmu, new LegFormat(AudioCodec.PCMA, 8, 101, 3), pool);
        // Warm up until the JIT has compiled the path: code still interpreted or in C1 allocates
        // what C2's escape analysis removes, and that is the JVM's, not the path's. Then the
        // fewest bytes over a few rounds: the steady state, not a background compilation's moment.
        run(pool, passThrough, transcoding, 0, WARM_UP_PACKETS);
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS && allocated > 0; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            run(pool, passThrough, transcoding, WARM_UP_PACKETS + round * 2000, 2000);
            allocated = Math.min(allocated, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(0, allocated, "bytes allocated for 2000 packets each way");
    }

    private static void run(RtpPacketPool pool, MediaDirection passThrough, MediaDirection transcoding, int from, int count) {
        byte code = G711.PCMU.encode((short) 1000);
        for (int i = from; i < from + count; i++) {
            step(pool, passThrough, code, i);
            step(pool, transcoding, code, i);
        }
    }

    private static void step(RtpPacketPool pool, MediaDirection direction, byte code, int i) {
        long now = 20L * i;
        RtpPacket packet = pool.acquire();
        RtpHeader.writeFixed(packet.buffer(), 0, false, 0, i & 0xFFFF, 160L * i, 9);
        java.util.Arrays.fill(packet.buffer(), 12, 172, code);
        packet.setLength(172);
        direction.receive(packet, now);
        pool.release(packet);
        RtpPacket out = direction.tick(now);
        if (out != null) {
            pool.release(out);
        }
    }
}
