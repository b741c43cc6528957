package io.ringedge.media.sdp;

/** {@code a=fmtp:<format> <format specific parameters>} (RFC 8866 §6.15), parameters verbatim. */
public record Fmtp(String format, String parameters) {

    public static Fmtp parse(String value) {
        int space = value.indexOf(' ');
        if (space <= 0 || space == value.length() - 1) {
            throw new SdpSyntaxException("fmtp: expected '<format> <parameters>', was '" + value + "'");
        }
        String format = value.substring(0, space);
        if (!Tokens.isToken(format)) {
            throw new SdpSyntaxException("fmtp: format must be a token, was '" + format + "'");
        }
        return new Fmtp(format, value.substring(space + 1));
    }

    public static Fmtp of(int payloadType, String parameters) {
        return new Fmtp(Integer.toString(payloadType), parameters);
    }

    public Attribute toAttribute() {
        return Attribute.of("fmtp", format + " " + parameters);
    }
}
