package io.ringedge.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code a=candidate} (RFC 8839 §5.1):
 * {@code <foundation> <component-id> <transport> <priority> <address> <port> typ <type>
 * [raddr <address>] [rport <port>] *(<extension name> <extension value>)}. The address may be an
 * mDNS name (Chrome's {@code *.local}), so it stays a string.
 */
public record Candidate(String foundation, int component, String transport, long priority, String address,
                        int port, String type, Optional<String> relatedAddress, OptionalInt relatedPort,
                        List<String> extensions) {

    public Candidate {
        extensions = List.copyOf(extensions);
    }

    /** A host candidate for a single component (rtcp-mux), as RFC 8445 §5.1.1.1 gathers it. */
    public static Candidate host(String foundation, String address, int port, long priority) {
        return new Candidate(foundation, 1, "UDP", priority, address, port, "host", Optional.empty(),
                OptionalInt.empty(), List.of());
    }

    public static Candidate parse(String value) {
        String[] f = Tokens.fields(value, "candidate");
        if (f.length < 8 || !f[6].equals("typ")) {
            throw new SdpSyntaxException("candidate: expected '<foundation> <component> <transport> <priority> "
                    + "<address> <port> typ <type> ...', was '" + value + "'");
        }
        if (f[0].length() > 32 || !Tokens.isIceChars(f[0])) {
            throw new SdpSyntaxException("candidate: foundation must be 1-32 ice-chars, was '" + f[0] + "'");
        }
        int component = Tokens.integer(f[1], 1, 256, "candidate component");
        if (!Tokens.isToken(f[2])) {
            throw new SdpSyntaxException("candidate: transport must be a token, was '" + f[2] + "'");
        }
        long priority = Tokens.number(f[3], 1, 0xFFFFFFFFL, "candidate priority");
        int port = Tokens.integer(f[5], 0, 65535, "candidate port");
        Optional<String> raddr = Optional.empty();
        OptionalInt rport = OptionalInt.empty();
        int i = 8;
        if (i + 1 < f.length && f[i].equals("raddr")) {
            raddr = Optional.of(f[i + 1]);
            i += 2;
        }
        if (i + 1 < f.length && f[i].equals("rport")) {
            rport = OptionalInt.of(Tokens.integer(f[i + 1], 0, 65535, "candidate rport"));
            i += 2;
        }
        if ((f.length - i) % 2 != 0) {
            throw new SdpSyntaxException("candidate: extensions must be name/value pairs");
        }
        List<String> extensions = new ArrayList<>(List.of(f).subList(i, f.length));
        return new Candidate(f[0], component, f[2], priority, f[4], port, f[7], raddr, rport, extensions);
    }

    public String value() {
        StringBuilder sb = new StringBuilder()
                .append(foundation).append(' ').append(component).append(' ').append(transport).append(' ')
                .append(priority).append(' ').append(address).append(' ').append(port).append(" typ ").append(type);
        relatedAddress.ifPresent(a -> sb.append(" raddr ").append(a));
        relatedPort.ifPresent(p -> sb.append(" rport ").append(p));
        extensions.forEach(e -> sb.append(' ').append(e));
        return sb.toString();
    }

    public Attribute toAttribute() {
        return Attribute.of("candidate", value());
    }
}
