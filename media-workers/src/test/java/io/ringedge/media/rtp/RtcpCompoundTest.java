package io.ringedge.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringedge.media.Hex;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtcpCompoundTest {
    /** SR + SDES(CNAME) of a browser session (the plaintext of BrowserCaptureTest's SRTCP packet). */
    static final byte[] BROWSER_SR_SDES = Hex.bytes("""
            80c80006b476823adc2327b2ac348f54 5550cd92000000050000017581ca0006
            b476823a01106365694e4c6d79365648 5345354a61370000""");

    @Test
    void walksTheBrowsersCompoundPacket() {
        RtcpCompound walker = new RtcpCompound();
        assertEquals(RtcpCheck.VALID, walker.reset(BROWSER_SR_SDES, 0, BROWSER_SR_SDES.length));
        assertTrue(walker.next());
        assertEquals(RtcpCompound.SR, walker.packetType());
        assertEquals(0, walker.count());
        assertEquals(28, walker.packetLength());
        assertEquals(0xb476823a, walker.ssrc());
        assertTrue(walker.next());
        assertEquals(RtcpCompound.SDES, walker.packetType());
        assertEquals(1, walker.count());
        assertEquals(28, walker.packetOffset());
        assertEquals(28, walker.packetLength());
        assertFalse(walker.next());
    }

    @Test
    void aLoneFeedbackPacketIsValidReducedSizeRtcp() {
        byte[] pli = Hex.bytes("81ce0002 00000001 00000002"); // RFC 4585 §6.3.1 PLI
        RtcpCompound walker = new RtcpCompound();
        assertEquals(RtcpCheck.VALID, walker.reset(pli, 0, pli.length));
        assertTrue(walker.next());
        assertEquals(RtcpCompound.PSFB, walker.packetType());
        assertEquals(1, walker.count());
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
        "empty RR,                               80c90001 00000001, VALID",
        "3 octets,                               80c900, TRUNCATED",
        "version 1,                              40c90001 00000001, BAD_VERSION",
        "an RTP payload type,                    80000001 00000001, NOT_RTCP",
        "length beyond the datagram,             80c90002 00000001, BAD_LENGTH",
        "trailing partial header,                80c90001 00000001 80c9, BAD_LENGTH",
        "padded packet not last,                 a0c90001 00000004 80c90001 00000001, BAD_PADDING",
        "padding count zero,                     a0c90001 00000000, BAD_PADDING",
        "padding over the header,                a0c90001 00000007, BAD_PADDING",
        "padding that fits on the last packet,   80c90001 00000001 a0c90001 00000004, VALID",
    })
    void verdicts(String what, String hex, RtcpCheck expected) {
        byte[] packet = Hex.bytes(hex);
        assertEquals(expected, new RtcpCompound().reset(packet, 0, packet.length), what);
    }

    @Test
    void anInvalidCompoundYieldsNoPacketsAndGarbageNeverThrows() {
        RtcpCompound walker = new RtcpCompound();
        byte[] cut = Arrays.copyOf(BROWSER_SR_SDES, 40);
        assertEquals(RtcpCheck.BAD_LENGTH, walker.reset(cut, 0, cut.length));
        assertFalse(walker.next());

        SplittableRandom random = new SplittableRandom(5761);
        for (int i = 0; i < 20_000; i++) {
            byte[] datagram = new byte[random.nextInt(64)];
            random.nextBytes(datagram);
            if (datagram.length > 1) {
                datagram[0] = (byte) (0x80 | (datagram[0] & 0x3F));
                datagram[1] = (byte) (192 + random.nextInt(32));
            }
            if (walker.reset(datagram, 0, datagram.length) == RtcpCheck.VALID) {
                int total = 0;
                while (walker.next()) {
                    total += walker.packetLength();
                    walker.ssrc();
                }
                assertEquals(datagram.length, total);
            }
        }
    }
}
