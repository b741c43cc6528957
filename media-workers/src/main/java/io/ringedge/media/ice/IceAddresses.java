package io.ringedge.media.ice;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP literals of candidate lines, parsed without ever resolving a name: a candidate's address is
 * peer-controlled text, and a DNS lookup per candidate would let any peer stall the transport
 * thread. Names (browsers' mDNS {@code .local} host candidates) are left out; their owners are
 * still reached as peer-reflexive candidates when their checks arrive (RFC 8445 §7.3.1.3).
 */
final class IceAddresses {
    private IceAddresses() {
    }

    static Optional<InetAddress> literal(String address) {
        try {
            if (address.indexOf(':') >= 0) {
                // A colon makes the JDK parse an IPv6 literal and never consult DNS.
                return Optional.of(InetAddress.getByName(address.startsWith("[") ? address : "[" + address + "]"));
            }
            String[] parts = address.split("\\.", -1);
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

    static boolean sameFamily(InetAddress a, InetAddress b) {
        return (a instanceof Inet4Address) == (b instanceof Inet4Address);
    }
}
