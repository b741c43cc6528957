package io.ringedge.media.transcode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ringedge.media.dtmf.TelephoneEvent;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.rtp.RtpPacket;
import io.ringedge.media.rtp.RtpPacketPool;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PassThroughTest {
    private static final LegFormat BROWSER = new LegFormat(AudioCodec.PCMU, 0, 126, 0x0B0B0B0B);
    private static final LegFormat PBX = new LegFormat(AudioCodec.PCMU, 0, 101, 0x0C0C0C0C);

    private final RtpPacketPool pool = new RtpPacketPool(4);
    private final MediaDirection direction = new MediaPipelines(MediaSettings.DEFAULT, new Random(5)).direction(BROWSER, PBX, pool);

    @Test
    void payloadBytesGoThroughUntouchedAndOnlyTheHeaderChanges() {
        assertEquals(PassThroughDirection.class, direction.getClass());
        byte[] payload = new byte[160];
        new Random(9).nextBytes(payload);
        int[] sequences = {100, 101, 103, 102, 104};
        int firstOut = -1;
        long firstTs = -1;
        for (int sequence : sequences) {
            RtpPacket packet = packet(0, sequence, 8000L + 160 * (sequence - 100), 0x1234, payload);
            assertSame(packet, direction.receive(packet, 0));
            byte[] buf = packet.buffer();
            assertArrayEquals(payload, Arrays.copyOfRange(buf, 12, packet.length()));
            assertEquals(PBX.ssrc(), RtpHeader.ssrc(buf, 0));
            if (firstOut < 0) {
                firstOut = RtpHeader.sequenceNumber(buf, 0);
                firstTs = RtpHeader.timestamp(buf, 0);
            }
            // Constant offsets: gaps and reordering stay visible downstream.
            assertEquals((firstOut + sequence - 100) & 0xFFFF, RtpHeader.sequenceNumber(buf, 0));
            assertEquals((firstTs + 160L * (sequence - 100)) & 0xFFFF_FFFFL, RtpHeader.timestamp(buf, 0));
            pool.release(packet);
        }
        // The browser restarts its stream with a new SSRC: the PBX still sees one continuous stream.
        RtpPacket restarted = packet(0, 40_000, 999_999, 0x5678, payload);
        direction.receive(restarted, 0);
        assertEquals((firstOut + 5) & 0xFFFF, RtpHeader.sequenceNumber(restarted.buffer(), 0));
        assertEquals((firstTs + 160 * 5) & 0xFFFF_FFFFL, RtpHeader.timestamp(restarted.buffer(), 0));
        pool.release(restarted);
        assertNull(direction.tick(20));
    }

    @Test
    void telephoneEventsGetTheOtherLegsPayloadType() {
        byte[] event = new byte[4];
        TelephoneEvent.write(event, 0, 11, true, 10, 1600);
        RtpPacket packet = packet(126, 7, 800, 0x1234, event);
        direction.receive(packet, 0);
        assertEquals(101, RtpHeader.payloadType(packet.buffer(), 0));
        assertEquals(1600, TelephoneEvent.duration(packet.buffer(), 12));
        assertEquals(1, direction.counters().events());
        pool.release(packet);
    }

    @Test
    void dropsAndCountsWhatTheLegDidNotNegotiateOrCannotParse() {
        RtpPacket unknown = packet(96, 1, 0, 1, new byte[10]);
        assertNull(direction.receive(unknown, 0));
        pool.release(unknown);
        RtpPacket truncated = packet(0, 1, 0, 1, new byte[0]);
        truncated.setLength(7);
        assertNull(direction.receive(truncated, 0));
        pool.release(truncated);
        RtpPacket shortEvent = packet(126, 2, 0, 1, new byte[2]);
        assertNull(direction.receive(shortEvent, 0));
        pool.release(shortEvent);
        assertEquals(1, direction.counters().unknownPayloadType());
        assertEquals(2, direction.counters().malformed());
    }

    /** A datagram as the transport receives it, copied into a pooled packet. */
    private RtpPacket packet(int payloadType, int sequence, long timestamp, int ssrc, byte[] payload) {
        byte[] datagram = new byte[12 + payload.length];
        RtpHeader.writeFixed(datagram, 0, false, payloadType, sequence, timestamp, ssrc);
        System.arraycopy(payload, 0, datagram, 12, payload.length);
        RtpPacket packet = pool.acquire();
        packet.fill(datagram, 0, datagram.length);
        return packet;
    }

    @Test
    void thePoolLendsItsPacketsAndCountsWhenItRunsOut() {
        RtpPacketPool small = new RtpPacketPool(1);
        RtpPacket only = small.acquire();
        assertNull(small.acquire());
        assertEquals(1, small.exhausted());
        small.release(only);
        assertEquals(1, small.available());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> small.release(only));
        org.junit.jupiter.api.Assertions.assertFalse(only.fill(new byte[RtpPacket.CAPACITY + 1], 0, RtpPacket.CAPACITY + 1));
    }
}
