package io.ringedge.media.srtp.internal;

import io.ringedge.media.srtp.SrtpMasterKey;
import io.ringedge.media.srtp.SrtpProfile;

/**
 * The AES-CM key derivation of RFC 3711 §4.3, with a key derivation rate of 0 (the only one
 * DTLS-SRTP and WebRTC use, RFC 5764 §4.1.2), so the session keys never change for a master key.
 *
 * <p>AES-GCM (RFC 7714 §11) uses the same PRF; its 96-bit master salt is zero-padded on the right
 * to the PRF's 112 bits, as libsrtp (and with it Chrome) does.
 */
public final class SrtpKeyDerivation {
    /** §4.3.1 / §4.3.2 labels. */
    public static final int RTP_ENCRYPTION = 0x00;
    public static final int RTP_AUTHENTICATION = 0x01;
    public static final int RTP_SALT = 0x02;
    public static final int RTCP_ENCRYPTION = 0x03;
    public static final int RTCP_AUTHENTICATION = 0x04;
    public static final int RTCP_SALT = 0x05;

    private static final int PRF_SALT_LENGTH = 14;
    /** §4.3.2 / RFC 5764 §4.1.2: HMAC-SHA1 session authentication key length. */
    private static final int AUTH_KEY_LENGTH = 20;

    private SrtpKeyDerivation() {
    }

    public static SessionKeys rtpKeys(SrtpMasterKey master) {
        return keys(master, RTP_ENCRYPTION, RTP_AUTHENTICATION, RTP_SALT);
    }

    public static SessionKeys rtcpKeys(SrtpMasterKey master) {
        return keys(master, RTCP_ENCRYPTION, RTCP_AUTHENTICATION, RTCP_SALT);
    }

    private static SessionKeys keys(SrtpMasterKey master, int encryption, int authentication, int salt) {
        SrtpProfile profile = master.profile();
        byte[] key = master.key();
        byte[] masterSalt = master.salt();
        return new SessionKeys(
                derive(key, masterSalt, encryption, profile.masterKeyLength()),
                derive(key, masterSalt, salt, profile.masterSaltLength()),
                profile.isAead() ? new byte[0] : derive(key, masterSalt, authentication, AUTH_KEY_LENGTH));
    }

    /**
     * PRF_n(k_master, x) of §4.3.1 with r = 0: x is the label XOR-ed into octet 7 of the
     * (right-padded) master salt, and the output is the AES-CM keystream for IV = x * 2^16.
     */
    public static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] iv = new byte[AesCounterMode.BLOCK];
        System.arraycopy(masterSalt, 0, iv, 0, Math.min(masterSalt.length, PRF_SALT_LENGTH));
        iv[7] ^= (byte) label;
        byte[] out = new byte[length];
        new AesCounterMode(masterKey).apply(iv, out, 0, length);
        return out;
    }
}
