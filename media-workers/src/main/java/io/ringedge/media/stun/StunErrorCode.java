package io.ringedge.media.stun;

/** The ERROR-CODE attribute (RFC 8489 §14.8): a code 300..699 and a reason phrase. */
public record StunErrorCode(int code, String reason) {
    public static final int TRY_ALTERNATE = 300;
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHENTICATED = 401;
    public static final int UNKNOWN_ATTRIBUTE = 420;
    /** RFC 8445 §7.3.1.1: both agents claimed the same role. */
    public static final int ROLE_CONFLICT = 487;
    public static final int SERVER_ERROR = 500;

    public StunErrorCode {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("STUN error code must be 300..699, was " + code);
        }
        if (reason == null) {
            throw new IllegalArgumentException("STUN error reason missing");
        }
    }
}
