package io.ringedge.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtcpTransformerTest {

    /** A receiver report (RFC 3550 §6.4.2) with no report blocks, from {@code ssrc}. */
    private static byte[] receiverReport(int ssrc) {
        return new byte[] {(byte) 0x80, (byte) 201, 0, 1,
            (byte) (ssrc >>> 24), (byte) (ssrc >>> 16), (byte) (ssrc >>> 8), (byte) ssrc};
    }

    private static byte[] senderReport(int ssrc) {
        byte[] packet = new byte[28];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) 200;
        packet[3] = 6;
        packet[4] = (byte) (ssrc >>> 24);
        packet[5] = (byte) (ssrc >>> 16);
        packet[6] = (byte) (ssrc >>> 8);
        packet[7] = (byte) ssrc;
        for (int i = 8; i < packet.length; i++) {
            packet[i] = (byte) (i * 7);
        }
        return packet;
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripsEncryptedWithIncreasingIndices(SrtpProfile profile) {
        SrtpMasterKey key = SrtpTransformerTest.key(profile, 11);
        SrtcpTransformer sender = new SrtcpTransformer(key);
        SrtcpTransformer receiver = new SrtcpTransformer(key);
        for (int n = 0; n < 5; n++) {
            byte[] plain = senderReport(0xCAFE_0001);
            byte[] buf = Arrays.copyOf(plain, plain.length + sender.overhead());
            int length = sender.protect(buf, 0, plain.length);
            assertEquals(plain.length + 4 + profile.rtcpTagLength(), length);
            int indexAt = profile.isAead() ? length - 4 : length - 4 - profile.rtcpTagLength();
            assertEquals(0x80, buf[indexAt] & 0xFF, "E flag set");
            assertEquals(n, buf[indexAt + 3], "SRTCP index counts packets");
            assertEquals(plain.length, receiver.unprotect(buf, 0, length));
            assertArrayEquals(plain, Arrays.copyOf(buf, plain.length));
        }
        assertEquals(5, receiver.counters().unprotectedPackets());
    }

    @Test
    void replaysForgeriesAndGarbageAreRejectedAsValues() {
        SrtpMasterKey key = SrtpTransformerTest.key(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 12);
        SrtcpTransformer sender = new SrtcpTransformer(key);
        SrtcpTransformer receiver = new SrtcpTransformer(key);
        byte[] plain = receiverReport(42);
        byte[] buf = Arrays.copyOf(plain, plain.length + sender.overhead());
        int length = sender.protect(buf, 0, plain.length);
        byte[] packet = Arrays.copyOf(buf, length);

        byte[] forged = packet.clone();
        forged[5] ^= 1; // sender SSRC
        assertEquals(SrtpRejection.AUTHENTICATION_FAILED.code(), receiver.unprotect(forged, 0, forged.length));
        assertEquals(plain.length, receiver.unprotect(packet.clone(), 0, packet.length));
        assertEquals(SrtpRejection.REPLAYED.code(), receiver.unprotect(packet.clone(), 0, packet.length));
        assertEquals(SrtpRejection.TOO_SHORT.code(), receiver.unprotect(packet, 0, 21));
        byte[] rtpLike = packet.clone();
        rtpLike[1] = 96; // an RTP payload type, not RTCP
        assertEquals(SrtpRejection.MALFORMED.code(), receiver.unprotect(rtpLike, 0, rtpLike.length));
        assertEquals(SrtpRejection.BUFFER_TOO_SMALL.code(), sender.protect(plain, 0, plain.length));
        assertEquals(SrtpRejection.MALFORMED.code(), sender.protect(plain, 0, 4));
        assertEquals(4, receiver.counters().rejectedTotal());
    }
}
