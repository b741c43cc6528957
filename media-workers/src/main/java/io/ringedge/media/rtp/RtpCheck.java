package io.ringedge.media.rtp;

/** Verdict on an RTP header (RFC 3550 §5.1); anything but {@link #VALID} is dropped and counted. */
public enum RtpCheck {
    VALID,
    /** Shorter than the 12-octet fixed header, or outside the buffer. */
    TRUNCATED,
    /** Version field is not 2. */
    BAD_VERSION,
    /** The CSRC count promises more identifiers than the packet holds. */
    CSRC_TRUNCATED,
    /** The X bit is set but the extension header or its declared length does not fit. */
    EXTENSION_TRUNCATED,
    /** The P bit is set but the padding count is zero or longer than the payload. */
    BAD_PADDING
}
