package io.ringedge.media.sdp;

import java.util.Optional;

/** The media direction attributes (RFC 8866 §6.7, RFC 3264 §5.1); sendrecv when none is given. */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    public String attributeName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Direction> fromAttribute(String name) {
        return switch (name) {
            case "sendrecv" -> Optional.of(SENDRECV);
            case "sendonly" -> Optional.of(SENDONLY);
            case "recvonly" -> Optional.of(RECVONLY);
            case "inactive" -> Optional.of(INACTIVE);
            default -> Optional.empty();
        };
    }

    /** Whether the side that wrote this attribute sends media (RFC 3264 §5.1). */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** Whether the side that wrote this attribute receives media (RFC 3264 §5.1). */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    public static Direction of(boolean sends, boolean receives) {
        return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
    }

    public Attribute toAttribute() {
        return Attribute.property(attributeName());
    }
}
