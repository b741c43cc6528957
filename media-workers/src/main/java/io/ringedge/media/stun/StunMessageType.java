package io.ringedge.media.stun;

/**
 * Method and class of a STUN message and their interleaved 14-bit encoding (RFC 8489 §5):
 * {@code M11..M7 C1 M6..M4 C0 M3..M0}.
 */
public record StunMessageType(int method, StunClass messageClass) {
    /** The only method ICE uses (RFC 8489 §18.2). */
    public static final int BINDING = 0x001;

    public static final StunMessageType BINDING_REQUEST = new StunMessageType(BINDING, StunClass.REQUEST);
    public static final StunMessageType BINDING_INDICATION = new StunMessageType(BINDING, StunClass.INDICATION);
    public static final StunMessageType BINDING_SUCCESS = new StunMessageType(BINDING, StunClass.SUCCESS_RESPONSE);
    public static final StunMessageType BINDING_ERROR = new StunMessageType(BINDING, StunClass.ERROR_RESPONSE);

    public StunMessageType {
        if (method < 0 || method > 0xFFF) {
            throw new IllegalArgumentException("STUN method must be 0..0xFFF, was " + method);
        }
        if (messageClass == null) {
            throw new IllegalArgumentException("STUN class missing");
        }
    }

    public int encode() {
        int c = messageClass.bits();
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                | ((c & 1) << 4) | ((c & 2) << 7);
    }

    /** Decodes the 14 low bits of the first header word; the top two bits must be zero. */
    public static StunMessageType decode(int type) {
        int method = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
        int c = ((type >> 4) & 1) | ((type >> 7) & 2);
        return new StunMessageType(method, StunClass.ofBits(c));
    }
}
