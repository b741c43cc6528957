package io.ringedge.media.stun;

/**
 * STUN attribute types this worker reads or writes (RFC 8489 §18.3, RFC 8445 §16.1) and the size
 * limits the RFCs put on their values. Types below 0x8000 are comprehension-required.
 */
public final class StunAttribute {
    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int PRIORITY = 0x0024;
    public static final int USE_CANDIDATE = 0x0025;
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;
    public static final int ICE_CONTROLLED = 0x8029;
    public static final int ICE_CONTROLLING = 0x802A;

    /** RFC 5389 §15.3: USERNAME is fewer than 513 octets (RFC 8489 §14.3 says 509; peers may still
     * follow 5389, so the older bound is the one enforced). */
    public static final int MAX_USERNAME = 512;
    /** RFC 8489 §14.7, §14.8, §14.9, §14.14: REALM, NONCE, reason phrase, SOFTWARE, under 763 octets. */
    public static final int MAX_TEXT = 763;

    private StunAttribute() {
    }

    /** Whether an agent that does not know {@code type} must reject the message (§14). */
    public static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    /** Whether this implementation understands {@code type}. */
    public static boolean isKnown(int type) {
        return switch (type) {
            case MAPPED_ADDRESS, USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, UNKNOWN_ATTRIBUTES, REALM, NONCE,
                 XOR_MAPPED_ADDRESS, PRIORITY, USE_CANDIDATE, SOFTWARE, FINGERPRINT, ICE_CONTROLLED,
                 ICE_CONTROLLING -> true;
            default -> false;
        };
    }
}
