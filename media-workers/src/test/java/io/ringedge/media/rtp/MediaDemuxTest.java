package io.ringedge.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringedge.media.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7983 §7 first-byte ranges, their edges, and minimum lengths. */
class MediaDemuxTest {

    @ParameterizedTest(name = "first byte {0}, {1} octets -> {2}")
    @CsvSource({
        "0, 20, STUN", "3, 20, STUN", "1, 19, TRUNCATED",
        "4, 40, UNKNOWN", "16, 40, UNKNOWN", "19, 40, UNKNOWN",
        "20, 13, DTLS", "22, 100, DTLS", "63, 13, DTLS", "22, 12, TRUNCATED",
        "64, 40, UNKNOWN", "79, 40, UNKNOWN", "127, 40, UNKNOWN",
        "128, 12, RTP", "191, 12, RTP", "128, 11, TRUNCATED", "128, 1, TRUNCATED",
        "192, 40, UNKNOWN", "255, 40, UNKNOWN",
    })
    void firstByteRanges(int first, int length, PacketKind expected) {
        byte[] datagram = new byte[length];
        datagram[0] = (byte) first;
        if (length > 1) {
            datagram[1] = 0; // RTP payload type 0 where it matters
        }
        assertEquals(expected, MediaDemux.classify(datagram, 0, length));
    }

    @ParameterizedTest(name = "second byte {0} -> {1}")
    @CsvSource({"0, RTP", "111, RTP", "63, RTP", "64, RTCP", "200, RTCP", "201, RTCP", "206, RTCP", "95, RTCP", "223, RTCP", "96, RTP", "224, RTP"})
    void rtcpIsSplitFromRtpByPayloadTypeAsInRfc5761(int secondByte, PacketKind expected) {
        byte[] datagram = new byte[12];
        datagram[0] = (byte) 0x80;
        datagram[1] = (byte) secondByte;
        assertEquals(expected, MediaDemux.classify(datagram, 0, datagram.length));
    }

    @Test
    void realPacketsLandWhereTheyBelong() {
        byte[] stun = Hex.bytes("""
                00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
                80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
                00 24 00 04 6e 00 01 ff
                80 29 00 08 93 2f f9 b1 51 26 3b 36
                00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
                00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
                80 28 00 04 e5 7a 3b cf"""); // RFC 5769 §2.1
        assertEquals(PacketKind.STUN, MediaDemux.classify(stun, 0, stun.length));
        byte[] dtlsClientHelloRecord = Hex.bytes("16 fefd 0000 000000000000 0080 01 000074");
        assertEquals(PacketKind.DTLS, MediaDemux.classify(dtlsClientHelloRecord, 0, dtlsClientHelloRecord.length));
        assertEquals(PacketKind.RTP, MediaDemux.classify(RtpHeaderTest.BROWSER_OPUS, 0, RtpHeaderTest.BROWSER_OPUS.length));
        assertEquals(PacketKind.RTCP, MediaDemux.classify(RtcpCompoundTest.BROWSER_SR_SDES, 0, RtcpCompoundTest.BROWSER_SR_SDES.length));
        byte[] shortRtcp = Hex.bytes("80c90001 000000");
        assertEquals(PacketKind.TRUNCATED, MediaDemux.classify(shortRtcp, 0, shortRtcp.length));
    }

    @Test
    void emptyNullAndOutOfRangeInputIsDropped() {
        assertEquals(PacketKind.TRUNCATED, MediaDemux.classify(new byte[0], 0, 0));
        assertEquals(PacketKind.TRUNCATED, MediaDemux.classify(null, 0, 10));
        assertEquals(PacketKind.TRUNCATED, MediaDemux.classify(new byte[10], 5, 10));
        assertTrue(PacketKind.TRUNCATED.dropped());
        assertTrue(PacketKind.UNKNOWN.dropped());
        assertFalse(PacketKind.RTP.dropped());
    }
}
