package io.ringedge.media.srtp;

/**
 * The SRTP protection profiles the worker speaks, with the lengths that define them: RFC 3711
 * §8.2 / RFC 5764 §4.1.2 for AES-CM with HMAC-SHA1, RFC 7714 §12 / §14.2 for AES-GCM. Both
 * WebRTC browsers and SDES PBXs (RFC 4568) use only these in practice.
 */
public enum SrtpProfile {
    /** {@code SRTP_AES128_CM_HMAC_SHA1_80}; SDES {@code AES_CM_128_HMAC_SHA1_80}. */
    AES_CM_128_HMAC_SHA1_80(0x0001, 14, 10, 10),
    /**
     * {@code SRTP_AES128_CM_HMAC_SHA1_32}; SDES {@code AES_CM_128_HMAC_SHA1_32}. Only RTP gets the
     * short tag: SRTCP keeps 80 bits (RFC 5764 §4.1.2, RFC 4568 §6.2.1).
     */
    AES_CM_128_HMAC_SHA1_32(0x0002, 14, 4, 10),
    /** {@code SRTP_AEAD_AES_128_GCM}; SDES {@code AEAD_AES_128_GCM}. 96-bit salt, 128-bit tag. */
    AEAD_AES_128_GCM(0x0007, 12, 16, 16);

    private static final int KEY_LENGTH = 16;

    private final int dtlsProfileId;
    private final int saltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;

    SrtpProfile(int dtlsProfileId, int saltLength, int rtpTagLength, int rtcpTagLength) {
        this.dtlsProfileId = dtlsProfileId;
        this.saltLength = saltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
    }

    /** The {@code use_srtp} protection profile id (RFC 5764 §4.1.2, RFC 7714 §14.2). */
    public int dtlsProfileId() {
        return dtlsProfileId;
    }

    public int masterKeyLength() {
        return KEY_LENGTH;
    }

    public int masterSaltLength() {
        return saltLength;
    }

    public int rtpTagLength() {
        return rtpTagLength;
    }

    public int rtcpTagLength() {
        return rtcpTagLength;
    }

    public boolean isAead() {
        return this == AEAD_AES_128_GCM;
    }
}
