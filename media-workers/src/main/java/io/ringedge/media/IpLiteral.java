package io.ringedge.media;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address literals parsed without ever resolving a name. Candidate addresses are
 * peer-controlled text and a DNS lookup per candidate would let any peer stall a transport
 * thread; configured addresses resolved once at start-up would silently go stale.
 */
public final class IpLiteral {
    private IpLiteral() {
    }

    /** The address {@code text} spells, or empty when it is not an IPv4 or IPv6 literal. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        try {
            if (text.indexOf(':') >= 0) {
                // Brackets make the JDK parse an IPv6 literal and never consult DNS.
                String bracketed = text.startsWith("[") ? text : "[" + text + "]";
                return Optional.of(InetAddress.getByName(bracketed));
            }
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return Optional.empty();
            }
            byte[] octets = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                    return Optional.empty();
                }
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    return Optional.empty();
                }
                octets[i] = (byte) value;
            }
            return Optional.of(InetAddress.getByAddress(octets));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public static boolean sameFamily(InetAddress a, InetAddress b) {
        return (a instanceof Inet4Address) == (b instanceof Inet4Address);
    }
}
