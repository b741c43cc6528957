package io.ringedge.media.srtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringedge.media.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 7714 §16 (SRTP) and §17 (SRTCP) test vectors for AEAD_AES_128_GCM. The RFC gives the
 * session key and salt directly, so these exercise the cipher below the key derivation.
 */
class AesGcmCipherTest {
    private static final SessionKeys KEYS = new SessionKeys(
            Hex.bytes("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f"),
            Hex.bytes("51 75 69 64 20 70 72 6f 20 71 75 6f"), new byte[0]);

    private static final byte[] RTP = Hex.bytes("""
            8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976
            69736120 696e2070 61727465 73207472 6573""");
    private static final byte[] SRTP = Hex.bytes("""
            8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5
            0d294e6f 42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf 765ee439 0cce""");
    private static final int RTP_SSRC = 0x5501a0b2;
    /** ROC 0, SEQ 0xf17b (§16.1). */
    private static final long RTP_INDEX = 0xf17b;

    private static final byte[] RTCP = Hex.bytes("""
            81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef deadbeef""");
    private static final byte[] SRTCP = Hex.bytes("""
            81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d
            c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade 800005d4""");
    /** §17.3: the same RTCP packet authenticated only (E = 0). */
    private static final byte[] SRTCP_AUTHENTICATED_ONLY = Hex.bytes("""
            81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef deadbeef 841dd968 3dd78ec9 2ae58790 125f62b3 000005d4""");
    private static final int RTCP_SSRC = 0x4d617273;
    private static final int SRTCP_INDEX = 0x5d4;

    @Test
    void rtpEncryptionMatchesSection16_1() {
        byte[] buf = Arrays.copyOf(RTP, RTP.length + 16);
        int length = new AesGcmCipher(KEYS).protectRtp(buf, 0, RTP.length, 12, RTP_SSRC, RTP_INDEX);
        assertEquals(Hex.of(SRTP), Hex.of(buf, 0, length));
    }

    @Test
    void rtpDecryptionMatchesSection16_2() {
        byte[] buf = SRTP.clone();
        int length = new AesGcmCipher(KEYS).unprotectRtp(buf, 0, buf.length, 12, RTP_SSRC, RTP_INDEX);
        assertEquals(Hex.of(RTP), Hex.of(buf, 0, length));
    }

    @Test
    void rtpWithAFlippedBitOrWrongIndexFailsAuthentication() {
        byte[] tampered = SRTP.clone();
        tampered[20] ^= 0x01;
        AesGcmCipher cipher = new AesGcmCipher(KEYS);
        assertEquals(SrtpCipher.AUTHENTICATION_FAILED, cipher.unprotectRtp(tampered, 0, tampered.length, 12, RTP_SSRC, RTP_INDEX));
        byte[] intact = SRTP.clone();
        assertEquals(SrtpCipher.AUTHENTICATION_FAILED,
                cipher.unprotectRtp(intact, 0, intact.length, 12, RTP_SSRC, RTP_INDEX + 0x10000));
    }

    @Test
    void rtcpEncryptionMatchesSection17_1() {
        byte[] buf = Arrays.copyOf(RTCP, RTCP.length + 20);
        int length = new AesGcmCipher(KEYS).protectRtcp(buf, 0, RTCP.length, RTCP_SSRC, SRTCP_INDEX);
        assertEquals(Hex.of(SRTCP), Hex.of(buf, 0, length));
    }

    @Test
    void rtcpDecryptionMatchesSection17_2() {
        byte[] buf = SRTCP.clone();
        AesGcmCipher cipher = new AesGcmCipher(KEYS);
        int word = cipher.srtcpIndexWord(buf, 0, buf.length);
        assertEquals(0x8000_05d4, word);
        int length = cipher.unprotectRtcp(buf, 0, buf.length, RTCP_SSRC, word);
        assertEquals(Hex.of(RTCP), Hex.of(buf, 0, length));
    }

    @Test
    void authenticatedOnlyRtcpVerifiesAsInSection17_4() {
        byte[] buf = SRTCP_AUTHENTICATED_ONLY.clone();
        AesGcmCipher cipher = new AesGcmCipher(KEYS);
        int word = cipher.srtcpIndexWord(buf, 0, buf.length);
        assertEquals(SRTCP_INDEX, word);
        int length = cipher.unprotectRtcp(buf, 0, buf.length, RTCP_SSRC, word);
        assertEquals(Hex.of(RTCP), Hex.of(buf, 0, length));

        byte[] tampered = SRTCP_AUTHENTICATED_ONLY.clone();
        tampered[30] ^= 0x40;
        assertEquals(SrtpCipher.AUTHENTICATION_FAILED, cipher.unprotectRtcp(tampered, 0, tampered.length, RTCP_SSRC, word));
    }
}
