package io.ringedge.media.stun;

/** Why a datagram is not an acceptable STUN message; each is dropped (or answered) and counted. */
public enum StunProblem {
    /** Shorter than the 20-octet header, or than the length it declares. */
    TRUNCATED,
    /** First two bits not zero or wrong magic cookie (RFC 8489 §5): not STUN at all. */
    NOT_STUN,
    /** Message length not a multiple of 4, or not the datagram's length (RFC 8489 §6.3). */
    BAD_LENGTH,
    /** An attribute header or value runs past the end of the message. */
    ATTRIBUTE_OVERRUN,
    /** An attribute value of the wrong size or content for its type. */
    BAD_ATTRIBUTE,
    /** A text attribute longer than the RFC allows. */
    OVERSIZE_ATTRIBUTE,
    /** FINGERPRINT is not the last attribute (RFC 8489 §14.7). */
    ATTRIBUTE_AFTER_FINGERPRINT,
    /** FINGERPRINT does not match the message (RFC 8489 §7.3). */
    BAD_FINGERPRINT,
    /** A key was given but the message has no MESSAGE-INTEGRITY. */
    MISSING_MESSAGE_INTEGRITY,
    /** MESSAGE-INTEGRITY does not verify with the key (RFC 8489 §9.1.3). */
    WRONG_MESSAGE_INTEGRITY
}
