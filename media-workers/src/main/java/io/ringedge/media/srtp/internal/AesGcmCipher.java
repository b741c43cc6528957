package io.ringedge.media.srtp.internal;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM for SRTP and SRTCP, RFC 7714 §8 and §9, on the JDK's (intrinsic-accelerated)
 * AES/GCM. The RTP header, or the first 8 octets of RTCP plus the E||index word, are the
 * associated data; the 16-octet tag follows the ciphertext, and for SRTCP the index word comes
 * last (§9.3).
 *
 * <p>The JDK needs a new {@link GCMParameterSpec} per {@code init}, so this path allocates that
 * small object per packet; everything else works in the caller's buffer.
 */
public final class AesGcmCipher implements SrtpCipher {
    private static final int TAG = 16;
    private static final int IV_LENGTH = 12;

    private final Cipher gcm;
    private final SecretKey key;
    private final byte[] salt;
    private final byte[] iv = new byte[IV_LENGTH];
    private final byte[] indexWord = new byte[SRTCP_INDEX_LENGTH];
    private final byte[] discard = new byte[TAG];

    public AesGcmCipher(SessionKeys keys) {
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/GCM/NoPadding", e);
        }
        key = new SecretKeySpec(keys.cipherKey(), "AES");
        salt = keys.cipherSalt().clone();
    }

    @Override
    public int tagLength() {
        return TAG;
    }

    @Override
    public int protectRtp(byte[] buf, int offset, int length, int headerLength, int ssrc, long index) {
        setRtpIv(ssrc, index);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
            gcm.updateAAD(buf, offset, headerLength);
            return headerLength + gcm.doFinal(buf, offset + headerLength, length - headerLength, buf, offset + headerLength);
        } catch (GeneralSecurityException e) {
            return CIPHER_REFUSED;
        }
    }

    @Override
    public int unprotectRtp(byte[] buf, int offset, int length, int headerLength, int ssrc, long index) {
        setRtpIv(ssrc, index);
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
            gcm.updateAAD(buf, offset, headerLength);
            return headerLength + gcm.doFinal(buf, offset + headerLength, length - headerLength, buf, offset + headerLength);
        } catch (AEADBadTagException e) {
            return AUTHENTICATION_FAILED;
        } catch (GeneralSecurityException e) {
            return CIPHER_REFUSED;
        }
    }

    @Override
    public int protectRtcp(byte[] buf, int offset, int length, int ssrc, int srtcpIndex) {
        int word = 0x8000_0000 | srtcpIndex;
        setRtcpIv(ssrc, srtcpIndex);
        SrtpCipher.writeInt(indexWord, 0, word);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
            gcm.updateAAD(buf, offset, 8);
            gcm.updateAAD(indexWord, 0, SRTCP_INDEX_LENGTH);
            int sealed = 8 + gcm.doFinal(buf, offset + 8, length - 8, buf, offset + 8);
            SrtpCipher.writeInt(buf, offset + sealed, word);
            return sealed + SRTCP_INDEX_LENGTH;
        } catch (GeneralSecurityException e) {
            return CIPHER_REFUSED;
        }
    }

    @Override
    public int srtcpIndexWord(byte[] buf, int offset, int length) {
        return SrtpCipher.readInt(buf, offset + length - SRTCP_INDEX_LENGTH);
    }

    @Override
    public int unprotectRtcp(byte[] buf, int offset, int length, int ssrc, int word) {
        int sealedEnd = length - SRTCP_INDEX_LENGTH;
        setRtcpIv(ssrc, word & 0x7FFF_FFFF);
        SrtpCipher.writeInt(indexWord, 0, word);
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
            if (word < 0) { // E = 1: confidentiality and integrity (§9.1)
                gcm.updateAAD(buf, offset, 8);
                gcm.updateAAD(indexWord, 0, SRTCP_INDEX_LENGTH);
                return 8 + gcm.doFinal(buf, offset + 8, sealedEnd - 8, buf, offset + 8);
            }
            // E = 0: integrity only, the whole packet is associated data (§9.2).
            int rtcpLength = sealedEnd - TAG;
            gcm.updateAAD(buf, offset, rtcpLength);
            gcm.updateAAD(indexWord, 0, SRTCP_INDEX_LENGTH);
            gcm.doFinal(buf, offset + rtcpLength, TAG, discard, 0);
            return rtcpLength;
        } catch (AEADBadTagException e) {
            return AUTHENTICATION_FAILED;
        } catch (GeneralSecurityException e) {
            return CIPHER_REFUSED;
        }
    }

    /** §8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR salt. */
    private void setRtpIv(int ssrc, long index) {
        iv[0] = salt[0];
        iv[1] = salt[1];
        iv[2] = (byte) (salt[2] ^ (ssrc >>> 24));
        iv[3] = (byte) (salt[3] ^ (ssrc >>> 16));
        iv[4] = (byte) (salt[4] ^ (ssrc >>> 8));
        iv[5] = (byte) (salt[5] ^ ssrc);
        for (int i = 0; i < 6; i++) {
            iv[6 + i] = (byte) (salt[6 + i] ^ (index >>> (40 - 8 * i)));
        }
    }

    /** §9.1: IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt. */
    private void setRtcpIv(int ssrc, int srtcpIndex) {
        setRtpIv(ssrc, 0);
        iv[8] ^= (byte) (srtcpIndex >>> 24);
        iv[9] ^= (byte) (srtcpIndex >>> 16);
        iv[10] ^= (byte) (srtcpIndex >>> 8);
        iv[11] ^= (byte) srtcpIndex;
    }
}
