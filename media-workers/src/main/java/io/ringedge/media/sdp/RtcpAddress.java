package io.ringedge.media.sdp;

import java.util.Optional;

/** {@code a=rtcp:<port> [<nettype> <addrtype> <address>]} (RFC 3605 §2.1). */
public record RtcpAddress(int port, Optional<Connection> address) {

    public static RtcpAddress parse(String value) {
        int space = value.indexOf(' ');
        if (space < 0) {
            return new RtcpAddress(Tokens.integer(value, 0, 65535, "rtcp port"), Optional.empty());
        }
        return new RtcpAddress(Tokens.integer(value.substring(0, space), 0, 65535, "rtcp port"),
                Optional.of(Connection.parse(value.substring(space + 1))));
    }

    public Attribute toAttribute() {
        return Attribute.of("rtcp", port + address.map(c -> " " + c.value()).orElse(""));
    }
}
