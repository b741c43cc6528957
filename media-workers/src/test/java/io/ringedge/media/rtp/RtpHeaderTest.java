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

class RtpHeaderTest {
    /** The plaintext Opus packet of a browser session (see BrowserCaptureTest), with a one-byte-header extension. */
    static final byte[] BROWSER_OPUS = Hex.bytes("""
            90ef41cd5550be52b476823abede0002 3254e1e110aa000078039cdb17916be3
            b1020af1a556e1c4f02df01c90160f34 2ec234ab93fcf9de7f94b310af10f323
            3bced79f55a07033629a72e928cd40a5 ae61caa1f6727c10ce6ed6d98716b1e8
            226628""");

    @Test
    void readsTheBrowsersOpusPacket() {
        byte[] p = BROWSER_OPUS;
        assertEquals(RtpCheck.VALID, RtpHeader.check(p, 0, p.length));
        assertEquals(2, RtpHeader.version(p, 0));
        assertFalse(RtpHeader.hasPadding(p, 0));
        assertTrue(RtpHeader.hasExtension(p, 0));
        assertEquals(0, RtpHeader.csrcCount(p, 0));
        assertTrue(RtpHeader.marker(p, 0));
        assertEquals(111, RtpHeader.payloadType(p, 0));
        assertEquals(0x41cd, RtpHeader.sequenceNumber(p, 0));
        assertEquals(0x5550be52L, RtpHeader.timestamp(p, 0));
        assertEquals(0xb476823a, RtpHeader.ssrc(p, 0));
        assertEquals(RtpHeaderExtension.ONE_BYTE_PROFILE, RtpHeader.extensionProfile(p, 0));
        assertEquals(24, RtpHeader.headerLength(p, 0));
        assertEquals(p.length - 24, RtpHeader.payloadLength(p, 0, p.length));
    }

    @Test
    void csrcsPaddingAndOffsetsAreHonoured() {
        byte[] packet = new byte[4 + 12 + 8 + 10 + 4];
        int at = 4;
        packet[at] = (byte) 0xA2; // V=2, P, CC=2
        packet[at + 1] = (byte) 0x08;
        RtpHeader.setSequenceNumber(packet, at, 65535);
        RtpHeader.setSsrc(packet, at, 0xDEADBEEF);
        packet[at + 12 + 3] = 7;
        packet[at + 16 + 3] = 9;
        packet[packet.length - 1] = 4; // 4 octets of padding
        int length = packet.length - at;
        assertEquals(RtpCheck.VALID, RtpHeader.check(packet, at, length));
        assertEquals(20, RtpHeader.headerLength(packet, at));
        assertEquals(10, RtpHeader.payloadLength(packet, at, length));
        assertEquals(7, RtpHeader.csrc(packet, at, 0));
        assertEquals(9, RtpHeader.csrc(packet, at, 1));
        assertEquals(65535, RtpHeader.sequenceNumber(packet, at));
        assertEquals(0xDEADBEEF, RtpHeader.ssrc(packet, at));
        RtpHeader.setPayloadType(packet, at, 0);
        assertEquals(0, RtpHeader.payloadType(packet, at));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
        "fixed header only,                      800000010000000000000001, VALID",
        "11 octets,                              8000000100000000000000,   TRUNCATED",
        "version 1,                              400000010000000000000001, BAD_VERSION",
        "version 0 (a STUN packet),              000100000000000000000001, BAD_VERSION",
        "CC=1 without the CSRC,                  810000010000000000000001, CSRC_TRUNCATED",
        "X without the extension header,         900000010000000000000001, EXTENSION_TRUNCATED",
        "extension longer than the packet,       900000010000000000000001bede0002abcdef01, EXTENSION_TRUNCATED",
        "padding count zero,                     a0000001000000000000000100, BAD_PADDING",
        "padding longer than the payload,        a000000100000000000000010203, BAD_PADDING",
        "padding that fits,                      a000000100000000000000010002, VALID",
    })
    void verdicts(String what, String hex, RtpCheck expected) {
        byte[] packet = Hex.bytes(hex);
        assertEquals(expected, RtpHeader.check(packet, 0, packet.length), what);
    }

    @Test
    void anEncryptedPacketsPaddingIsNotJudgedByTheHeaderCheck() {
        byte[] packet = Hex.bytes("a0000001000000000000000100");
        assertEquals(RtpCheck.BAD_PADDING, RtpHeader.check(packet, 0, packet.length));
        assertEquals(RtpCheck.VALID, RtpHeader.checkHeader(packet, 0, packet.length));
    }

    @Test
    void rangesOutsideTheBufferAreTruncatedNotExceptions() {
        assertEquals(RtpCheck.TRUNCATED, RtpHeader.check(BROWSER_OPUS, 100, 50));
        assertEquals(RtpCheck.TRUNCATED, RtpHeader.check(BROWSER_OPUS, -1, 20));
        SplittableRandom random = new SplittableRandom(3550);
        for (int i = 0; i < 20_000; i++) {
            byte[] packet = i % 2 == 0
                    ? Arrays.copyOf(BROWSER_OPUS, random.nextInt(BROWSER_OPUS.length + 1))
                    : new byte[random.nextInt(80)];
            if (i % 2 == 1 && packet.length > 0) {
                random.nextBytes(packet);
                packet[0] = (byte) (0x80 | (packet[0] & 0x3F));
            }
            if (RtpHeader.check(packet, 0, packet.length) == RtpCheck.VALID) {
                int header = RtpHeader.headerLength(packet, 0);
                assertTrue(header <= packet.length);
                assertTrue(RtpHeader.payloadLength(packet, 0, packet.length) >= 0);
                RtpHeaderExtension.find(packet, 0, 1);
            }
        }
    }
}
