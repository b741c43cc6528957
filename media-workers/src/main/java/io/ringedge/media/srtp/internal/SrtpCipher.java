package io.ringedge.media.srtp.internal;

import io.ringedge.media.srtp.SrtpMasterKey;

/**
 * The cryptographic transform of one profile over packets in a caller-owned buffer, in place.
 * It knows nothing of rollover counters or replay: the transformers hand it the packet index.
 * One instance serves one stream kind (RTP or RTCP) of one direction and is confined to the
 * thread that owns the transport.
 *
 * <p>Unprotect methods return the plaintext length, or {@link #AUTHENTICATION_FAILED}.
 * {@link #CIPHER_REFUSED} is returned when the JDK cipher refuses an operation.
 */
public sealed interface SrtpCipher permits AesCmHmacSha1Cipher, AesGcmCipher {
    int AUTHENTICATION_FAILED = -1;
    int CIPHER_REFUSED = -2;

    /** Size of the SRTCP trailer word, E flag and 31-bit index (RFC 3711 §3.4). */
    int SRTCP_INDEX_LENGTH = 4;

    static SrtpCipher forRtp(SrtpMasterKey master) {
        SessionKeys keys = SrtpKeyDerivation.rtpKeys(master);
        return master.profile().isAead()
                ? new AesGcmCipher(keys)
                : new AesCmHmacSha1Cipher(keys, master.profile().rtpTagLength());
    }

    static SrtpCipher forRtcp(SrtpMasterKey master) {
        SessionKeys keys = SrtpKeyDerivation.rtcpKeys(master);
        return master.profile().isAead()
                ? new AesGcmCipher(keys)
                : new AesCmHmacSha1Cipher(keys, master.profile().rtcpTagLength());
    }

    /** Octets the protected packet grows by: the tag, plus the index word for SRTCP. */
    int tagLength();

    /** Encrypts the payload after {@code headerLength} and appends the tag; returns the new length. */
    int protectRtp(byte[] buf, int offset, int length, int headerLength, int ssrc, long index);

    /** Verifies and decrypts a packet whose last {@link #tagLength()} octets are the tag. */
    int unprotectRtp(byte[] buf, int offset, int length, int headerLength, int ssrc, long index);

    /** Encrypts after the first 8 octets, appends E||index and the tag; returns the new length. */
    int protectRtcp(byte[] buf, int offset, int length, int ssrc, int srtcpIndex);

    /** The E||SRTCP index word of a protected packet of {@code length} (at least 8 + overhead). */
    int srtcpIndexWord(byte[] buf, int offset, int length);

    /** Verifies, and decrypts if E is set, an SRTCP packet; returns the RTCP length. */
    int unprotectRtcp(byte[] buf, int offset, int length, int ssrc, int indexWord);

    static int readInt(byte[] buf, int at) {
        return ((buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF);
    }

    static void writeInt(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }
}
