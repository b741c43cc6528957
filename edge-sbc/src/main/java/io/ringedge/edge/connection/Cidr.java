package io.ringedge.edge.connection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation (RFC 4632, RFC 4291 §2.3). A bare address is a /32 or /128.
 *
 * @param network the network address, host bits cleared
 * @param prefix  prefix length in bits
 */
public record Cidr(InetAddress network, int prefix) {

    /** Only numeric literals: a host name here would make admission depend on DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix must be 0.." + bits + ", was " + prefix);
        }
        network = mask(network, prefix);
    }

    /** Parses {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a single address. */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        if (!LITERAL.matcher(address).matches()) {
            throw new IllegalArgumentException("not an IP address literal: " + text);
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
        int bits = parsed.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in " + text, e);
        }
        return new Cidr(parsed, prefix);
    }

    /**
     * True when {@code address} lies in this network. An address of the other family never matches:
     * IPv4-mapped IPv6 sources already arrive as IPv4 ({@link InetAddress} converts them).
     */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        return a.length == n.length && Arrays.equals(mask(a, prefix), n);
    }

    private static InetAddress mask(InetAddress address, int prefix) {
        try {
            return InetAddress.getByAddress(mask(address.getAddress(), prefix));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
        }
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xFF << (8 - keep));
        }
        return out;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
