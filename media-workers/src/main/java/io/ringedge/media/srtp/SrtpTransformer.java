package io.ringedge.media.srtp;

import io.ringedge.media.rtp.RtpCheck;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.srtp.internal.RtpStreamState;
import io.ringedge.media.srtp.internal.SrtpCipher;
import io.ringedge.media.srtp.internal.SsrcTable;

/**
 * SRTP for RTP packets (RFC 3711 §3.3), in place in a caller-owned buffer. One instance per
 * master key, i.e. per direction of a session: it protects what we send with the key we were
 * given for sending, or unprotects what we receive with the peer's key. It keeps the rollover
 * counter, s_l and replay window of every SSRC it has seen, and is confined to the thread that owns
 * the transport (no locks).
 *
 * <p>Results are lengths, or a negative {@link SrtpRejection#code()}; every outcome is counted in
 * {@link #counters()}. No per-packet allocation on the AES-CM path (see {@code AesGcmCipher} for
 * the one small allocation of the GCM path).
 */
public final class SrtpTransformer {
    private final SrtpCipher cipher;
    private final SsrcTable<RtpStreamState> streams = new SsrcTable<>();
    private final SrtpCounters counters = new SrtpCounters();

    public SrtpTransformer(SrtpMasterKey key) {
        this.cipher = SrtpCipher.forRtp(key);
    }

    /** Octets {@link #protect} appends: the buffer needs this much room after the packet. */
    public int overhead() {
        return cipher.tagLength();
    }

    /**
     * Encrypts the payload of the RTP packet in {@code buf[offset, offset + length)} and appends
     * the tag; returns the SRTP length or a negative rejection code.
     */
    public int protect(byte[] buf, int offset, int length) {
        if (RtpHeader.check(buf, offset, length) != RtpCheck.VALID) {
            return counters.reject(SrtpRejection.MALFORMED);
        }
        if (length + cipher.tagLength() > buf.length - offset) {
            return counters.reject(SrtpRejection.BUFFER_TOO_SMALL);
        }
        int ssrc = RtpHeader.ssrc(buf, offset);
        int sequence = RtpHeader.sequenceNumber(buf, offset);
        RtpStreamState stream = streams.get(ssrc);
        if (stream == null) {
            stream = streams.add(ssrc, new RtpStreamState(sequence));
        }
        long index = stream.estimateIndex(sequence);
        if (index < 0) {
            // Older than the first packet sent on this SSRC: no valid ROC to encrypt it under.
            return counters.reject(SrtpRejection.REPLAYED);
        }
        int result = cipher.protectRtp(buf, offset, length, RtpHeader.headerLength(buf, offset), ssrc, index);
        if (result < 0) {
            return counters.reject(SrtpRejection.CIPHER_REFUSED);
        }
        stream.accept(index);
        return counters.countProtected(result);
    }

    /**
     * Authenticates, replay-checks and decrypts the SRTP packet in {@code buf[offset, offset +
     * length)}; returns the RTP length or a negative rejection code. State (ROC, s_l, window, a
     * new SSRC) changes only for packets that authenticate (§3.3.1, §3.3.2).
     */
    public int unprotect(byte[] buf, int offset, int length) {
        int tag = cipher.tagLength();
        if (offset < 0 || length < 0 || offset + length > buf.length || length < RtpHeader.FIXED_LENGTH + tag) {
            return counters.reject(SrtpRejection.TOO_SHORT);
        }
        if (RtpHeader.checkHeader(buf, offset, length - tag) != RtpCheck.VALID) {
            return counters.reject(SrtpRejection.MALFORMED);
        }
        int ssrc = RtpHeader.ssrc(buf, offset);
        int sequence = RtpHeader.sequenceNumber(buf, offset);
        RtpStreamState stream = streams.get(ssrc);
        long index = stream == null ? sequence : stream.estimateIndex(sequence);
        if (stream != null && !stream.isFresh(index)) {
            return counters.reject(SrtpRejection.REPLAYED);
        }
        int result = cipher.unprotectRtp(buf, offset, length, RtpHeader.headerLength(buf, offset), ssrc, index);
        if (result == SrtpCipher.AUTHENTICATION_FAILED) {
            return counters.reject(SrtpRejection.AUTHENTICATION_FAILED);
        }
        if (result < 0) {
            return counters.reject(SrtpRejection.CIPHER_REFUSED);
        }
        if (stream == null) {
            stream = streams.add(ssrc, new RtpStreamState(sequence));
        }
        stream.accept(index);
        return counters.countUnprotected(result);
    }

    /** The rollover counter this transformer holds for {@code ssrc}, or -1 if it has none. */
    public int rolloverCounter(int ssrc) {
        RtpStreamState stream = streams.get(ssrc);
        return stream == null ? -1 : stream.rolloverCounter();
    }

    public SrtpCounters counters() {
        return counters;
    }
}
