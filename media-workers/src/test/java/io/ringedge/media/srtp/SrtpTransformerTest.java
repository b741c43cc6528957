package io.ringedge.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Protect/unprotect state handling, for every profile: ROC, replay, failures as counted values. */
class SrtpTransformerTest {
    private static final int SSRC = 0x1234_5678;
    private static final int PAYLOAD = 160;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripsAcrossASequenceNumberWrap(SrtpProfile profile) {
        SrtpMasterKey key = key(profile, 1);
        SrtpTransformer sender = new SrtpTransformer(key);
        SrtpTransformer receiver = new SrtpTransformer(key);
        for (int n = 0; n < 20; n++) {
            int sequence = (65_530 + n) & 0xFFFF;
            byte[] plain = rtp(sequence, n);
            byte[] buf = Arrays.copyOf(plain, plain.length + sender.overhead());
            int protectedLength = sender.protect(buf, 0, plain.length);
            assertEquals(plain.length + profile.rtpTagLength(), protectedLength);
            assertNotEquals(Arrays.toString(Arrays.copyOfRange(plain, 12, 40)),
                    Arrays.toString(Arrays.copyOfRange(buf, 12, 40)), "payload is encrypted");
            int length = receiver.unprotect(buf, 0, protectedLength);
            assertArrayEquals(plain, Arrays.copyOf(buf, length), "packet " + n);
        }
        assertEquals(1, sender.rolloverCounter(SSRC));
        assertEquals(1, receiver.rolloverCounter(SSRC));
        assertEquals(20, receiver.counters().unprotectedPackets());
        assertEquals(0, receiver.counters().rejectedTotal());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aTamperedPacketIsRejectedCountedAndChangesNoState(SrtpProfile profile) {
        SrtpMasterKey key = key(profile, 2);
        SrtpTransformer sender = new SrtpTransformer(key);
        SrtpTransformer receiver = new SrtpTransformer(key);
        byte[] first = protect(sender, rtp(100, 0));
        byte[] second = protect(sender, rtp(101, 1));
        byte[] forged = second.clone();
        forged[forged.length - 1] ^= 0x01;
        assertEquals(SrtpRejection.AUTHENTICATION_FAILED.code(), receiver.unprotect(forged, 0, forged.length));
        assertEquals(-1, receiver.rolloverCounter(SSRC), "a forged packet creates no stream");

        assertEquals(first.length - profile.rtpTagLength(), receiver.unprotect(first, 0, first.length));
        // The forged copy of packet 101 did not consume its index: the real one still passes.
        assertEquals(second.length - profile.rtpTagLength(), receiver.unprotect(second, 0, second.length));
        assertEquals(1, receiver.counters().rejected(SrtpRejection.AUTHENTICATION_FAILED));
        assertEquals(2, receiver.counters().unprotectedPackets());
    }

    @Test
    void aPacketFromAnotherKeyFailsAuthentication() {
        byte[] packet = protect(new SrtpTransformer(key(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 3)), rtp(1, 0));
        SrtpTransformer receiver = new SrtpTransformer(key(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 4));
        assertEquals(SrtpRejection.AUTHENTICATION_FAILED.code(), receiver.unprotect(packet, 0, packet.length));
    }

    @Test
    void reorderedPacketsPassButDuplicatesAndTooOldOnesAreReplays() {
        SrtpMasterKey key = key(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 5);
        SrtpTransformer sender = new SrtpTransformer(key);
        SrtpTransformer receiver = new SrtpTransformer(key);
        byte[][] packets = new byte[200][];
        for (int n = 0; n < packets.length; n++) {
            packets[n] = protect(sender, rtp(1000 + n, n));
        }
        assertUnprotected(receiver, packets[0]);
        assertUnprotected(receiver, packets[2]);
        assertUnprotected(receiver, packets[1]);
        assertRejected(receiver, packets[1], SrtpRejection.REPLAYED);
        assertUnprotected(receiver, packets[150]);
        assertRejected(receiver, packets[3], SrtpRejection.REPLAYED); // 147 behind: outside the window
        assertUnprotected(receiver, packets[150 - 127]); // the oldest still inside
        assertUnprotected(receiver, packets[150 - 64]);
        assertEquals(2, receiver.counters().rejected(SrtpRejection.REPLAYED));
    }

    @Test
    void truncatedGarbageAndCrampedBuffersAreRejectedAsValues() {
        SrtpMasterKey key = key(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 6);
        SrtpTransformer transformer = new SrtpTransformer(key);
        assertEquals(SrtpRejection.TOO_SHORT.code(), transformer.unprotect(new byte[21], 0, 21));
        assertEquals(SrtpRejection.TOO_SHORT.code(), transformer.unprotect(new byte[40], 30, 20));
        byte[] notRtp = new byte[60];
        notRtp[0] = 0x40; // version 1
        assertEquals(SrtpRejection.MALFORMED.code(), transformer.unprotect(notRtp, 0, 60));
        byte[] manyCsrcs = rtp(1, 0);
        manyCsrcs[0] = (byte) 0x8F; // CC = 15 needs 72 header octets
        assertEquals(SrtpRejection.MALFORMED.code(), transformer.unprotect(manyCsrcs, 0, 50));

        byte[] plain = rtp(7, 0);
        assertEquals(SrtpRejection.BUFFER_TOO_SMALL.code(), transformer.protect(plain, 0, plain.length));
        assertEquals(SrtpRejection.MALFORMED.code(), transformer.protect(new byte[30], 0, 5));

        SplittableRandom random = new SplittableRandom(7983);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            int result = transformer.unprotect(garbage, 0, garbage.length);
            assertEquals(true, result < 0, "garbage must not unprotect");
            SrtpRejection.ofCode(result);
        }
        assertEquals(4 + 2 + 2000, transformer.counters().rejectedTotal());
        assertEquals(0, transformer.counters().unprotectedPackets());
    }

    @Test
    void aesGcmRefusesToEncryptTheSameIndexTwiceInARow() {
        SrtpTransformer sender = new SrtpTransformer(key(SrtpProfile.AEAD_AES_128_GCM, 8));
        byte[] plain = rtp(500, 0);
        byte[] first = Arrays.copyOf(plain, plain.length + sender.overhead());
        assertEquals(plain.length + 16, sender.protect(first, 0, plain.length));
        byte[] again = Arrays.copyOf(plain, plain.length + sender.overhead());
        // Same key and IV: a GCM nonce reuse would leak the authentication key (RFC 7714 §13).
        assertEquals(SrtpRejection.CIPHER_REFUSED.code(), sender.protect(again, 0, plain.length));
        assertEquals(1, sender.counters().rejected(SrtpRejection.CIPHER_REFUSED));
    }

    @Test
    void rejectionCodesRoundTrip() {
        for (SrtpRejection rejection : SrtpRejection.values()) {
            assertEquals(rejection, SrtpRejection.ofCode(rejection.code()));
        }
        assertThrows(IllegalArgumentException.class, () -> SrtpRejection.ofCode(0));
    }

    @Test
    void masterKeysOfTheWrongLengthAreRefusedWithTheProfileNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SrtpMasterKey(SrtpProfile.AEAD_AES_128_GCM, new byte[16], new byte[14]));
        assertEquals("AEAD_AES_128_GCM needs a 12-octet master salt, got 14 octets", e.getMessage());
    }

    static SrtpMasterKey key(SrtpProfile profile, int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] key = new byte[profile.masterKeyLength()];
        byte[] salt = new byte[profile.masterSaltLength()];
        random.nextBytes(key);
        random.nextBytes(salt);
        return new SrtpMasterKey(profile, key, salt);
    }

    static byte[] rtp(int sequence, int seed) {
        byte[] packet = new byte[12 + PAYLOAD];
        packet[0] = (byte) 0x80;
        packet[1] = 0;
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        int timestamp = sequence * 160;
        packet[4] = (byte) (timestamp >>> 24);
        packet[5] = (byte) (timestamp >>> 16);
        packet[6] = (byte) (timestamp >>> 8);
        packet[7] = (byte) timestamp;
        packet[8] = (byte) (SSRC >>> 24);
        packet[9] = (byte) (SSRC >>> 16);
        packet[10] = (byte) (SSRC >>> 8);
        packet[11] = (byte) SSRC;
        for (int i = 12; i < packet.length; i++) {
            packet[i] = (byte) (i * 31 + seed);
        }
        return packet;
    }

    private static byte[] protect(SrtpTransformer sender, byte[] plain) {
        byte[] buf = Arrays.copyOf(plain, plain.length + sender.overhead());
        int length = sender.protect(buf, 0, plain.length);
        return Arrays.copyOf(buf, length);
    }

    private static void assertUnprotected(SrtpTransformer receiver, byte[] packet) {
        byte[] buf = packet.clone();
        assertEquals(packet.length - 10, receiver.unprotect(buf, 0, buf.length));
    }

    private static void assertRejected(SrtpTransformer receiver, byte[] packet, SrtpRejection expected) {
        byte[] buf = packet.clone();
        assertEquals(expected, SrtpRejection.ofCode(receiver.unprotect(buf, 0, buf.length)));
    }
}
