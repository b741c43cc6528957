package io.ringedge.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringedge.media.rtp.RtcpCheck;
import io.ringedge.media.rtp.RtcpCompound;
import org.junit.jupiter.api.Test;

/** Two ends of a leg exchange SR and RR over a simulated 50 ms path; clocks are passed in. */
class LegRtcpTest {
    private static final long EPOCH_MS = 1_700_000_000_000L;
    private static final int A = 0xAAAA0001;
    private static final int B = 0xBBBB0002;

    @Test
    void roundTripTimeFromLsrAndDlsr() {
        LegRtcp a = new LegRtcp(A, 8000);
        LegRtcp b = new LegRtcp(B, 8000);
        // A sends 50 packets of 160 octets, B receives them 50 ms later.
        for (int i = 0; i < 50; i++) {
            long sentAt = i * 20L;
            a.sender().sent(1000 + 160L * i, 160, sentAt);
            b.reception().received(A, 500 + i, 1000 + 160L * i, 160, sentAt + 50);
        }
        byte[] buf = new byte[1500];
        int length = a.writeReport(buf, 0, 1000, ntp(1000));
        assertEquals(8 + 20 + 0, length, "SR with sender info, no block: A receives nothing");
        RtcpCompound walker = new RtcpCompound();
        assertEquals(RtcpCheck.VALID, walker.reset(buf, 0, length));
        walker.next();
        assertEquals(RtcpCompound.SR, walker.packetType());
        assertEquals(A, walker.ssrc());
        assertEquals(50, RtcpWriter.readUnsignedInt(buf, 20), "sender's packet count");
        assertEquals(8000, RtcpWriter.readUnsignedInt(buf, 24), "sender's octet count");
        assertEquals(1000 + 160L * 49 + 160 * 20 / 20 * 1, RtcpWriter.readUnsignedInt(buf, 16), "RTP timestamp at the SR's NTP time");

        assertEquals(RtcpCheck.VALID, b.receive(buf, 0, length, 1050, ntp(1050)));
        // B answers 200 ms after the SR arrived; A gets it 50 ms later: RTT = 1300 - 1000 - 200 = 100 ms.
        int rr = b.writeReport(buf, 0, 1250, ntp(1250));
        assertEquals(8 + 24, rr, "RR with one block: B sent nothing");
        assertEquals(RtcpCheck.VALID, a.receive(buf, 0, rr, 1300, ntp(1300)));
        assertEquals(100, a.rttMs(), 0.1);
        assertEquals(0, a.remoteFractionLost());
        assertEquals(0, a.remoteCumulativeLost());
        assertEquals(-1, b.rttMs(), "B has no SR of its own answered yet");
    }

    @Test
    void reportBlockCarriesLossJitterAndHighestSequence() {
        ReceptionStatistics stats = new ReceptionStatistics(8000);
        // 100 packets expected across a sequence wrap, every 10th lost.
        int first = 65_500;
        for (int i = 0; i < 100; i++) {
            if (i % 10 != 4) {
                stats.received(7, (first + i) & 0xFFFF, 160L * i, 160, 20L * i);
            }
        }
        assertEquals(65_536 + (first + 99 - 65_536), stats.extendedHighestSequence());
        assertEquals(10, stats.cumulativeLost());
        byte[] block = new byte[24];
        stats.writeReportBlock(block, 0, 2000);
        assertEquals(7, RtcpWriter.readUnsignedInt(block, 0));
        assertEquals(25, block[4] & 0xFF, "fraction lost 10/100 in 1/256 units");
        assertEquals(10, RtcpWriter.readUnsignedInt(block, 4) & 0xFF_FFFF);
        assertEquals(stats.extendedHighestSequence(), RtcpWriter.readUnsignedInt(block, 8));
        assertEquals(0, RtcpWriter.readUnsignedInt(block, 12), "evenly spaced arrivals: no jitter");
        assertEquals(0, RtcpWriter.readUnsignedInt(block, 16), "no SR received: LSR 0");
        // The next interval lost nothing.
        stats.received(7, (first + 100) & 0xFFFF, 16_000, 160, 2000);
        stats.writeReportBlock(block, 0, 2020);
        assertEquals(0, block[4] & 0xFF);
    }

    @Test
    void jitterFollowsAlternatingTransitTimesAsAppendixA8Does() {
        ReceptionStatistics stats = new ReceptionStatistics(8000);
        for (int i = 0; i < 300; i++) {
            long arrival = 20L * i + (i % 2 == 0 ? 0 : 20);
            stats.received(1, i, 160L * i, 160, arrival);
        }
        // |D| is 20 ms for every pair; J converges to it.
        assertEquals(20, stats.jitterMs(), 0.5);
        assertEquals(160, stats.jitter(), 4);
    }

    @Test
    void aSequenceJumpIsBelievedOnlyWhenTheNextPacketFollowsIt() {
        ReceptionStatistics stats = new ReceptionStatistics(8000);
        for (int i = 0; i < 10; i++) {
            stats.received(1, i, 160L * i, 160, 20L * i);
        }
        stats.received(1, 30_000, 0, 160, 200);
        assertEquals(10, stats.received(), "a lone stray packet is not counted");
        stats.received(1, 30_001, 160, 160, 220);
        assertEquals(1, stats.received(), "two in a row: the source restarted");
        assertEquals(30_001, stats.extendedHighestSequence());
    }

    @Test
    void compoundIsTheReportThenSdesWithOurCname() {
        LegRtcp leg = new LegRtcp(A, 8000, "4f1c2a9b0d3e");
        leg.reception().received(B, 7, 1600, 160, 0);
        byte[] buf = new byte[LegRtcp.MAX_COMPOUND];
        int length = leg.writeCompound(buf, 0, 20, ntp(20));
        assertEquals(0, length % 4, "32-bit aligned (RFC 3550 §6.4)");
        RtcpCompound walker = new RtcpCompound();
        assertEquals(RtcpCheck.VALID, walker.reset(buf, 0, length));
        assertTrue(walker.next());
        assertEquals(RtcpCompound.RR, walker.packetType(), "nothing sent yet: RR first (§6.1)");
        assertEquals(1, walker.count());
        assertEquals(B, (int) RtcpWriter.readUnsignedInt(buf, 8), "the block is about the stream we receive");
        assertTrue(walker.next());
        assertEquals(RtcpCompound.SDES, walker.packetType());
        int sdes = walker.packetOffset();
        assertEquals(1, walker.count(), "one chunk");
        assertEquals(A, (int) RtcpWriter.readUnsignedInt(buf, sdes + 4));
        assertEquals(1, buf[sdes + 8], "CNAME item");
        assertEquals(12, buf[sdes + 9]);
        assertEquals("4f1c2a9b0d3e", new String(buf, sdes + 10, 12, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, buf[sdes + 22], "a null octet ends the item list (§6.5)");
        assertEquals(sdes + 24, length, "chunk padded to the next 32-bit boundary");
        assertTrue(!walker.next());

        leg.sender().sent(3200, 160, 40);
        int sr = leg.writeCompound(buf, 0, 60, ntp(60));
        walker.reset(buf, 0, sr);
        walker.next();
        assertEquals(RtcpCompound.SR, walker.packetType(), "we sent media: SR");
        assertEquals(52 + 24, sr);
    }

    @Test
    void garbageIsCountedNotThrown() {
        LegRtcp leg = new LegRtcp(A, 8000);
        assertEquals(RtcpCheck.TRUNCATED, leg.receive(new byte[] {(byte) 0x80, (byte) 200}, 0, 2, 0, ntp(0)));
        byte[] shortSr = {(byte) 0x80, (byte) 200, 0, 1, 0, 0, 0, 1};
        assertEquals(RtcpCheck.VALID, leg.receive(shortSr, 0, shortSr.length, 0, ntp(0)));
        assertEquals(2, leg.malformed());
    }

    @Test
    void snapshotEstimatesMos() {
        LegRtcp leg = new LegRtcp(A, 8000);
        for (int i = 0; i < 100; i++) {
            if (i % 50 != 0 || i == 0) {
                leg.reception().received(B, i, 160L * i, 160, 20L * i);
            }
        }
        LegStats stats = LegStats.of(leg, CodecImpairment.G711_WITH_PLC, 40);
        assertEquals(1, stats.packetsLost());
        assertEquals(1.0, stats.lossPercent(), 1e-9);
        assertEquals(-1, stats.rttMs());
        assertTrue(stats.mos() > 4.2 && stats.mos() < 4.35, "1 % loss, 40 ms: " + stats.mos());
    }

    private static long ntp(long ms) {
        return NtpTime.fromUnixMillis(EPOCH_MS + ms);
    }
}
