package io.ringedge.media.dtls;

import java.util.Locale;
import java.util.Optional;

/**
 * The SDP {@code a=setup} attribute (RFC 4145 §4) as DTLS-SRTP uses it. RFC 8842 §5.2/§5.3: the
 * offerer says {@code actpass}, the answerer picks {@code active} or {@code passive}, and
 * {@code active} is the DTLS client. {@code holdconn} is not a DTLS role and is not accepted.
 */
public enum DtlsSetup {
    ACTPASS("actpass"),
    ACTIVE("active"),
    PASSIVE("passive");

    private final String sdpValue;

    DtlsSetup(String sdpValue) {
        this.sdpValue = sdpValue;
    }

    public String sdpValue() {
        return sdpValue;
    }

    /** The value of an {@code a=setup:} line, or empty when it is not one of ours. */
    public static Optional<DtlsSetup> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (DtlsSetup setup : values()) {
            if (setup.sdpValue.equals(v)) {
                return Optional.of(setup);
            }
        }
        return Optional.empty();
    }

    /**
     * What an answerer says to this offer. RFC 5763 §5 and RFC 8842 §5.3: to {@code actpass} the
     * answerer SHOULD be {@code active}, so the DTLS handshake starts as soon as ICE connects
     * (the offerer may not know the answer yet and cannot start it).
     */
    public DtlsSetup answer() {
        return this == ACTIVE ? PASSIVE : ACTIVE;
    }

    /**
     * Our DTLS role when we said {@code this} and the peer said {@code remote}; empty when the
     * pair does not determine exactly one client (both actpass, both active, both passive), which
     * RFC 8842 §5.3 forbids and the session answers with an error.
     */
    public Optional<DtlsRole> localRole(DtlsSetup remote) {
        return switch (this) {
            case ACTIVE -> remote == ACTIVE ? Optional.empty() : Optional.of(DtlsRole.CLIENT);
            case PASSIVE -> remote == PASSIVE ? Optional.empty() : Optional.of(DtlsRole.SERVER);
            case ACTPASS -> switch (remote) {
                case ACTIVE -> Optional.of(DtlsRole.SERVER);
                case PASSIVE -> Optional.of(DtlsRole.CLIENT);
                case ACTPASS -> Optional.empty();
            };
        };
    }
}
