package io.ringedge.media.stun;

/** The two class bits of the STUN message type (RFC 8489 §5). */
public enum StunClass {
    REQUEST,
    INDICATION,
    SUCCESS_RESPONSE,
    ERROR_RESPONSE;

    private static final StunClass[] VALUES = values();

    static StunClass ofBits(int bits) {
        return VALUES[bits];
    }

    int bits() {
        return ordinal();
    }
}
