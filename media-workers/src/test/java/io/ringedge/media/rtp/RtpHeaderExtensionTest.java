package io.ringedge.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringedge.media.Hex;
import org.junit.jupiter.api.Test;

class RtpHeaderExtensionTest {

    @Test
    void findsOneByteElementsOfTheBrowserPacket() {
        byte[] p = RtpHeaderTest.BROWSER_OPUS;
        // Extension "3254e1e1 10aa0000": ID 3 with 3 octets, ID 1 with 1 octet (RFC 6464 audio level), padding.
        long three = RtpHeaderExtension.find(p, 0, 3);
        assertEquals(17, RtpHeaderExtension.valueOffset(three));
        assertEquals(3, RtpHeaderExtension.valueLength(three));
        assertEquals("54e1e1", Hex.of(p, 17, 3));
        long one = RtpHeaderExtension.find(p, 0, 1);
        assertEquals(1, RtpHeaderExtension.valueLength(one));
        assertEquals("aa", Hex.of(p, RtpHeaderExtension.valueOffset(one), 1));
        assertEquals(RtpHeaderExtension.NOT_FOUND, RtpHeaderExtension.find(p, 0, 2));
    }

    @Test
    void findsTwoByteElementsAndSkipsPadding() {
        byte[] p = Hex.bytes("9000000100000000000000011000 0002 00 05 02 6162 03 00 0000 ffff");
        assertEquals(RtpCheck.VALID, RtpHeader.check(p, 0, p.length));
        long mid = RtpHeaderExtension.find(p, 0, 5);
        assertEquals("6162", Hex.of(p, RtpHeaderExtension.valueOffset(mid), RtpHeaderExtension.valueLength(mid)));
        long empty = RtpHeaderExtension.find(p, 0, 3);
        assertEquals(0, RtpHeaderExtension.valueLength(empty));
    }

    @Test
    void truncatedOrTerminatedElementsAreNotFound() {
        // ID 2 claims 16 octets in a 4-octet extension.
        byte[] overrun = Hex.bytes("900000010000000000000001bede0001 2f000000");
        assertEquals(RtpHeaderExtension.NOT_FOUND, RtpHeaderExtension.find(overrun, 0, 2));
        // ID 15 stops parsing (RFC 8285 §4.2) before ID 1.
        byte[] stopped = Hex.bytes("900000010000000000000001bede0001 f0 10 aa 00");
        assertEquals(RtpHeaderExtension.NOT_FOUND, RtpHeaderExtension.find(stopped, 0, 1));
        byte[] noExtension = Hex.bytes("800000010000000000000001");
        assertEquals(RtpHeaderExtension.NOT_FOUND, RtpHeaderExtension.find(noExtension, 0, 1));
        byte[] otherProfile = Hex.bytes("900000010000000000000001abcd0001 10aa0000");
        assertEquals(RtpHeaderExtension.NOT_FOUND, RtpHeaderExtension.find(otherProfile, 0, 1));
    }
}
