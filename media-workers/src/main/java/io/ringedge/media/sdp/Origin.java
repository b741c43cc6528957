package io.ringedge.media.sdp;

/**
 * {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}
 * (RFC 8866 §5.2). Ids stay strings: they are opaque numerics that may exceed 64 bits.
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType,
                     String addressType, String address) {

    public static Origin parse(String value) {
        String[] f = Tokens.fields(value, "o=");
        if (f.length != 6) {
            throw new SdpSyntaxException("o= must have 6 fields, had " + f.length);
        }
        if (!Tokens.isDigits(f[1]) || !Tokens.isDigits(f[2])) {
            throw new SdpSyntaxException("o= session id and version must be numeric");
        }
        return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    public String value() {
        return String.join(" ", username, sessionId, sessionVersion, netType, addressType, address);
    }
}
