package io.ringedge.media.srtp;

import io.ringedge.media.srtp.internal.RtcpStreamState;
import io.ringedge.media.srtp.internal.SrtpCipher;
import io.ringedge.media.srtp.internal.SsrcTable;

/**
 * SRTCP (RFC 3711 §3.4) for RTCP compound packets, in place in a caller-owned buffer; one instance
 * per master key (direction), confined to the transport's media loop. Sent packets are always
 * encrypted (E = 1) with a per-SSRC 31-bit index; received packets are authenticated, checked
 * against the replay window of their sender SSRC, and decrypted when E is set.
 */
public final class SrtcpTransformer {
    /** RTCP header plus sender SSRC: the part that stays in the clear (§3.4). */
    private static final int CLEAR_PREFIX = 8;

    private final SrtpCipher cipher;
    private final SsrcTable<RtcpStreamState> streams = new SsrcTable<>();
    private final SrtpCounters counters = new SrtpCounters();

    public SrtcpTransformer(SrtpMasterKey key) {
        this.cipher = SrtpCipher.forRtcp(key);
    }

    /** Octets {@link #protect} appends: SRTCP index word plus tag. */
    public int overhead() {
        return SrtpCipher.SRTCP_INDEX_LENGTH + cipher.tagLength();
    }

    /** Protects the RTCP packet in {@code buf[offset, offset + length)}; returns the SRTCP length. */
    public int protect(byte[] buf, int offset, int length) {
        if (offset < 0 || length < CLEAR_PREFIX || offset + length > buf.length || !looksLikeRtcp(buf, offset)) {
            return counters.reject(SrtpRejection.MALFORMED);
        }
        if (length + overhead() > buf.length - offset) {
            return counters.reject(SrtpRejection.BUFFER_TOO_SMALL);
        }
        int ssrc = SrtpCipher.readInt(buf, offset + 4);
        RtcpStreamState stream = streams.get(ssrc);
        if (stream == null) {
            stream = streams.add(ssrc, new RtcpStreamState());
        }
        int index = stream.takeIndex();
        int result = cipher.protectRtcp(buf, offset, length, ssrc, index);
        if (result < 0) {
            return counters.reject(SrtpRejection.CIPHER_REFUSED);
        }
        return counters.countProtected(result);
    }

    /** Unprotects the SRTCP packet in {@code buf[offset, offset + length)}; returns the RTCP length. */
    public int unprotect(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length || length < CLEAR_PREFIX + overhead()) {
            return counters.reject(SrtpRejection.TOO_SHORT);
        }
        if (!looksLikeRtcp(buf, offset)) {
            return counters.reject(SrtpRejection.MALFORMED);
        }
        int ssrc = SrtpCipher.readInt(buf, offset + 4);
        int word = cipher.srtcpIndexWord(buf, offset, length);
        int index = word & 0x7FFF_FFFF;
        RtcpStreamState stream = streams.get(ssrc);
        if (stream != null && !stream.isFresh(index)) {
            return counters.reject(SrtpRejection.REPLAYED);
        }
        int result = cipher.unprotectRtcp(buf, offset, length, ssrc, word);
        if (result == SrtpCipher.AUTHENTICATION_FAILED) {
            return counters.reject(SrtpRejection.AUTHENTICATION_FAILED);
        }
        if (result < 0) {
            return counters.reject(SrtpRejection.CIPHER_REFUSED);
        }
        if (stream == null) {
            stream = streams.add(ssrc, new RtcpStreamState());
        }
        stream.accept(index);
        return counters.countUnprotected(result);
    }

    public SrtpCounters counters() {
        return counters;
    }

    /** Version 2 and a packet type in the RTCP range 192..223 (RFC 5761 §4). */
    private static boolean looksLikeRtcp(byte[] buf, int offset) {
        int type = buf[offset + 1] & 0xFF;
        return (buf[offset] & 0xC0) == 0x80 && type >= 192 && type <= 223;
    }
}
