package io.ringedge.media.ice;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code a=candidate} line (RFC 8839 §5.1):
 * {@code candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type>
 * [raddr <addr> rport <port>] *(<ext-name> <ext-value>)}. The address may be an IP literal or a
 * host name (browsers hide host addresses behind mDNS {@code .local} names). Use
 * {@link IceCandidateParser} for text from the wire; this constructor only admits valid values.
 *
 * @param relatedAddress null when absent (host candidates)
 * @param relatedPort    -1 when absent
 * @param extensions     name/value pairs in order (e.g. {@code generation 0}), kept for round trips
 */
public record IceCandidate(String foundation, int componentId, String transport, long priority, String address,
                           int port, IceCandidateType type, String relatedAddress, int relatedPort,
                           List<String> extensions) {
    /** RFC 8839 §5.1: foundation is 1*32 ice-char. */
    static final Pattern FOUNDATION = Pattern.compile("[A-Za-z0-9+/]{1,32}");
    /** An IPv4/IPv6 literal or a DNS name; nothing that could smuggle separators into SDP. */
    static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:\\-]{1,255}");
    static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,255}");

    public IceCandidate {
        require(foundation != null && FOUNDATION.matcher(foundation).matches(), "foundation must be 1..32 ice-chars");
        require(componentId >= 1 && componentId <= 256, "component must be 1..256");
        require(transport != null && TOKEN.matcher(transport).matches(), "transport must be a token");
        require(priority >= 1 && priority <= 0xFFFF_FFFFL, "priority must be 1..2^32-1");
        require(address != null && ADDRESS.matcher(address).matches(), "address must be an IP literal or host name");
        require(port >= 0 && port <= 65535, "port must be 0..65535");
        require(type != null, "type missing");
        require((relatedAddress == null) == (relatedPort < 0), "raddr and rport come together");
        require(relatedAddress == null || ADDRESS.matcher(relatedAddress).matches(), "raddr must be an address");
        require(relatedPort <= 65535, "rport must be 0..65535");
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        require(extensions.size() % 2 == 0 && extensions.stream().allMatch(t -> TOKEN.matcher(t).matches()),
                "extensions must be name/value token pairs");
    }

    /** A host candidate on UDP (what this worker offers). */
    public static IceCandidate host(String foundation, int componentId, String address, int port, int localPreference) {
        return new IceCandidate(foundation, componentId, "udp", IceCandidateType.HOST.priority(localPreference, componentId),
                address, port, IceCandidateType.HOST, null, -1, List.of());
    }

    public boolean isUdp() {
        return "udp".equalsIgnoreCase(transport);
    }

    /** The attribute value, without {@code a=}: {@code candidate:1 1 udp 2130706431 192.0.2.1 20000 typ host}. */
    public String format() {
        StringBuilder out = new StringBuilder("candidate:").append(foundation).append(' ').append(componentId)
                .append(' ').append(transport).append(' ').append(priority).append(' ').append(address)
                .append(' ').append(port).append(" typ ").append(type.sdpName());
        if (relatedAddress != null) {
            out.append(" raddr ").append(relatedAddress).append(" rport ").append(relatedPort);
        }
        for (String token : extensions) {
            out.append(' ').append(token);
        }
        return out.toString();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
