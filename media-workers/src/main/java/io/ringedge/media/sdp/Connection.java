package io.ringedge.media.sdp;

/**
 * {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 §5.7). The address stays a string:
 * it may carry a multicast TTL suffix or be an FQDN, and the worker never resolves it here.
 */
public record Connection(String netType, String addressType, String address) {

    public static Connection ip4(String address) {
        return new Connection("IN", "IP4", address);
    }

    public static Connection parse(String value) {
        String[] f = Tokens.fields(value, "c=");
        if (f.length != 3) {
            throw new SdpSyntaxException("c= must have 3 fields, had " + f.length);
        }
        if (!f[0].equals("IN")) {
            throw new SdpSyntaxException("c= network type must be IN, was " + f[0]);
        }
        if (!f[1].equals("IP4") && !f[1].equals("IP6")) {
            throw new SdpSyntaxException("c= address type must be IP4 or IP6, was " + f[1]);
        }
        return new Connection(f[0], f[1], f[2]);
    }

    public String value() {
        return netType + " " + addressType + " " + address;
    }
}
