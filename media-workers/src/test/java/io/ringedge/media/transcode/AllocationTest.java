package io.ringedge.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringedge.media.codec.g711.G711;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.rtp.RtpPacket;
import io.ringedge.media.rtp.RtpPacketPool;
import io.ringedge.media.loop.GridClock;
import io.ringedge.media.loop.MediaLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-packet path of our own code allocates nothing (house style §3): pass-through, and the
 * G.711 ↔ G.711-law transcoding path (jitter buffer, concealment, encode, header), and the media
 * loop that carries packets in and out (selector, receive, send, timers). Opus is left out:
 * concentus allocates inside its encoder and decoder, which we cannot change.
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

    /**
     * A media loop relaying datagrams from one channel to a peer, with a 1 ms grid clock running
     * beside: what the loop thread allocates per packet, measured on that thread (the relay is
     * what a pass-through packet costs the loop: a receive into our buffer, a send from it).
     */
    @Test
    void theMediaLoopRelaysDatagramsAndRunsTimersWithoutAllocating() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (MediaLoop loop = new MediaLoop("allocation-test-loop");
             DatagramChannel relay = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            peer.setSoTimeout(5000);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            InetSocketAddress relayAddress = (InetSocketAddress) relay.getLocalAddress();
            byte[] buf = new byte[1500];
            long[] ticks = new long[1];
            long loopThread = loop.call(() -> {
                loop.register(relay, fault -> { }, () -> {
                    try {
                        int n = loop.receive(relay, buf, 0, buf.length);
                        if (n >= 0) {
                            loop.send(relay, buf, 0, n, peerAddress);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                new GridClock(loop, fault -> { }, Duration.ofMillis(1), tickMs -> ticks[0]++).start(System.nanoTime());
                return Thread.currentThread().threadId();
            });
            byte[] datagram = new byte[172];
            DatagramPacket out = new DatagramPacket(datagram, datagram.length, relayAddress);
            DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
            relay(peer, out, in, WARM_UP_PACKETS);
            long allocated = Long.MAX_VALUE;
            for (int round = 0; round < ROUNDS && allocated > 0; round++) {
                long before = THREADS.getThreadAllocatedBytes(loopThread);
                relay(peer, out, in, 2000);
                allocated = Math.min(allocated, THREADS.getThreadAllocatedBytes(loopThread) - before);
            }
            // The JDK's epoll selector boxes each ready descriptor to look its key up (EPollSelectorImpl
            // fdToKey.get(fd): one 16-octet Integer per ready channel per wake-up, for descriptors
            // above 127); that is all it may cost. Anything of ours per packet (an address, a buffer, a
            // lambda, a temporary direct buffer in the JDK) is more, and fails this.
            assertTrue(allocated <= 16 * 2000, allocated + " bytes allocated by the loop thread to relay 2000 datagrams");
            assertTrue(loop.call(() -> ticks[0]) > 100, "the grid clock ran meanwhile");
        }
    }

    private static void relay(DatagramSocket peer, DatagramPacket out, DatagramPacket in, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            out.getData()[0] = (byte) i;
            peer.send(out);
            in.setLength(1500);
            peer.receive(in);
            assertEquals(out.getData()[0], in.getData()[0]);
        }
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
