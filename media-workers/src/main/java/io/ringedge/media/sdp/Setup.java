package io.ringedge.media.sdp;

import java.util.Locale;

/** {@code a=setup} (RFC 4145 §4, used for DTLS by RFC 5763 §5): who opens the DTLS association. */
public enum Setup {
    ACTIVE, PASSIVE, ACTPASS, HOLDCONN;

    public static Setup parse(String value) {
        return switch (value) {
            case "active" -> ACTIVE;
            case "passive" -> PASSIVE;
            case "actpass" -> ACTPASS;
            case "holdconn" -> HOLDCONN;
            default -> throw new SdpSyntaxException("setup must be active, passive, actpass or holdconn, was '"
                    + value + "'");
        };
    }

    public Attribute toAttribute() {
        return Attribute.of("setup", name().toLowerCase(Locale.ROOT));
    }
}
