package io.ringedge.media.sdp;

/**
 * A description line the model keeps verbatim ({@code i=}, {@code u=}, {@code e=}, {@code p=},
 * {@code b=}, {@code t=}, {@code r=}, {@code z=}, {@code k=}): the worker never interprets them,
 * but a round trip must not lose them.
 */
public record SdpField(char type, String value) {

    public SdpField {
        if ("iuepbtrzk".indexOf(type) < 0) {
            throw new IllegalArgumentException("not a verbatim SDP field type: " + type);
        }
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("SDP field value must be one line");
        }
    }

    /** Whether the field comes before {@code c=} (RFC 8866 §5: i, u, e, p precede c; b, t, ... follow). */
    boolean precedesConnection() {
        return "iuep".indexOf(type) >= 0;
    }
}
