package io.ringedge.media.srtp.internal;

/**
 * AES_CM_128 encryption with HMAC-SHA1 authentication, RFC 3711 §4.1.1 and §4.2.1. The tag is
 * truncated to 80 or 32 bits; the authenticated portion is the whole packet followed by the ROC
 * (SRTP, §4.2) or ending with the E||SRTCP index word (SRTCP, §3.4).
 */
public final class AesCmHmacSha1Cipher implements SrtpCipher {
    private final AesCounterMode aes;
    private final HmacSha1 hmac;
    private final byte[] salt;
    private final int tagLength;
    private final byte[] iv = new byte[AesCounterMode.BLOCK];
    private final byte[] roc = new byte[4];

    public AesCmHmacSha1Cipher(SessionKeys keys, int tagLength) {
        this.aes = new AesCounterMode(keys.cipherKey());
        this.hmac = new HmacSha1(keys.authKey());
        this.salt = keys.cipherSalt().clone();
        this.tagLength = tagLength;
    }

    @Override
    public int tagLength() {
        return tagLength;
    }

    @Override
    public int protectRtp(byte[] buf, int offset, int length, int headerLength, int ssrc, long index) {
        setIv(ssrc, index);
        aes.apply(iv, buf, offset + headerLength, length - headerLength);
        authenticateRtp(buf, offset, length, index);
        hmac.finish(buf, offset + length, tagLength);
        return length + tagLength;
    }

    @Override
    public int unprotectRtp(byte[] buf, int offset, int length, int headerLength, int ssrc, long index) {
        int authenticated = length - tagLength;
        authenticateRtp(buf, offset, authenticated, index);
        if (!hmac.finishAndVerify(buf, offset + authenticated, tagLength)) {
            return AUTHENTICATION_FAILED;
        }
        setIv(ssrc, index);
        aes.apply(iv, buf, offset + headerLength, authenticated - headerLength);
        return authenticated;
    }

    @Override
    public int protectRtcp(byte[] buf, int offset, int length, int ssrc, int srtcpIndex) {
        setIv(ssrc, srtcpIndex);
        aes.apply(iv, buf, offset + 8, length - 8);
        // E = 1: everything after the first header and SSRC is encrypted (§3.4).
        SrtpCipher.writeInt(buf, offset + length, 0x8000_0000 | srtcpIndex);
        int authenticated = length + SRTCP_INDEX_LENGTH;
        hmac.start();
        hmac.update(buf, offset, authenticated);
        hmac.finish(buf, offset + authenticated, tagLength);
        return authenticated + tagLength;
    }

    @Override
    public int srtcpIndexWord(byte[] buf, int offset, int length) {
        return SrtpCipher.readInt(buf, offset + length - tagLength - SRTCP_INDEX_LENGTH);
    }

    @Override
    public int unprotectRtcp(byte[] buf, int offset, int length, int ssrc, int indexWord) {
        int authenticated = length - tagLength;
        hmac.start();
        hmac.update(buf, offset, authenticated);
        if (!hmac.finishAndVerify(buf, offset + authenticated, tagLength)) {
            return AUTHENTICATION_FAILED;
        }
        int rtcpLength = authenticated - SRTCP_INDEX_LENGTH;
        if (indexWord < 0) { // E flag set
            setIv(ssrc, indexWord & 0x7FFF_FFFF);
            aes.apply(iv, buf, offset + 8, rtcpLength - 8);
        }
        return rtcpLength;
    }

    private void authenticateRtp(byte[] buf, int offset, int length, long index) {
        SrtpCipher.writeInt(roc, 0, (int) (index >>> 16));
        hmac.start();
        hmac.update(buf, offset, length);
        hmac.update(roc, 0, 4);
    }

    /** §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16). */
    private void setIv(int ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, salt.length);
        iv[14] = 0;
        iv[15] = 0;
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
    }
}
