package io.ringedge.media.srtp;

/**
 * Why a packet was not protected or unprotected. Transformers return these as negative lengths
 * ({@link #code()}) so the per-packet path allocates no result object; {@link #ofCode} turns a
 * negative return back into the value.
 */
public enum SrtpRejection {
    /** Too short to hold the header plus the authentication tag (and SRTCP index). */
    TOO_SHORT,
    /** Not a well-formed RTP or RTCP header. */
    MALFORMED,
    /** The caller's buffer has no room after the packet for the tag (and SRTCP index). */
    BUFFER_TOO_SMALL,
    /** The tag did not verify (RFC 3711 §3.3 step 5): forged, corrupted or wrong key. */
    AUTHENTICATION_FAILED,
    /** Already received, or older than the replay window (RFC 3711 §3.3.2). */
    REPLAYED,
    /** The cipher refused the operation, e.g. AES-GCM asked to reuse an IV for encryption. */
    CIPHER_REFUSED;

    private static final SrtpRejection[] VALUES = values();

    /** The negative value a transformer returns for this rejection. */
    public int code() {
        return -(ordinal() + 1);
    }

    /** The rejection behind a negative transformer result. */
    public static SrtpRejection ofCode(int code) {
        if (code >= 0 || -code > VALUES.length) {
            throw new IllegalArgumentException("not an SRTP rejection code: " + code);
        }
        return VALUES[-code - 1];
    }
}
