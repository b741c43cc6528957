package io.ringedge.testkit.sip;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One Via value (RFC 3261 section 20.42): {@code SIP/2.0/WS host:port;branch=z9hG4bK...;received=...}.
 *
 * @param transport UDP, TCP, TLS, WS, WSS (RFC 7118 section 5.3 names the last two)
 * @param port      -1 when absent
 */
public record Via(String transport, String host, int port, Map<String, String> params) {

    /** RFC 3261 section 8.1.1.7: every branch from an RFC 3261 element starts with this cookie. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    public Via {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static Via parse(String value) {
        String v = value.trim();
        int semi = v.indexOf(';');
        String head = (semi < 0 ? v : v.substring(0, semi)).trim();
        String[] protoAndSentBy = head.split("\\s+", 2);
        if (protoAndSentBy.length != 2) {
            throw new SipParseException("Via must be 'SIP/2.0/<transport> <host>[:port]', was '" + value + "'");
        }
        String[] proto = protoAndSentBy[0].split("/");
        if (proto.length != 3 || !proto[0].trim().equalsIgnoreCase("SIP") || !proto[1].trim().equals("2.0")) {
            throw new SipParseException("Via protocol must be SIP/2.0/<transport>, was '" + protoAndSentBy[0] + "'");
        }
        String sentBy = protoAndSentBy[1].trim();
        String host;
        int port = -1;
        if (sentBy.startsWith("[")) {
            int close = sentBy.indexOf(']');
            if (close < 0) {
                throw new SipParseException("unclosed IPv6 reference in Via '" + value + "'");
            }
            host = sentBy.substring(0, close + 1);
            port = portAfter(sentBy.substring(close + 1), value);
        } else {
            int colon = sentBy.indexOf(':');
            host = colon < 0 ? sentBy : sentBy.substring(0, colon);
            port = colon < 0 ? -1 : portAfter(sentBy.substring(colon), value);
        }
        Map<String, String> params = semi < 0 ? Map.of() : HeaderParams.parse(v.substring(semi + 1));
        return new Via(proto[2].trim().toUpperCase(java.util.Locale.ROOT), host, port, params);
    }

    private static int portAfter(String text, String whole) {
        if (text.isEmpty()) {
            return -1;
        }
        try {
            int port = Integer.parseInt(text.substring(1).trim());
            if (port < 1 || port > 65535) {
                throw new SipParseException("Via port out of range in '" + whole + "'");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new SipParseException("Via port is not a number in '" + whole + "'");
        }
    }

    public Optional<String> param(String name) {
        return params.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    public Optional<String> branch() {
        return param("branch");
    }

    /** The address the next hop saw this request come from (RFC 3261 section 18.2.1). */
    public Optional<String> received() {
        return param("received");
    }

    public Via withParam(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.put(name, value);
        return new Via(transport, host, port, copy);
    }

    @Override
    public String toString() {
        return "SIP/2.0/" + transport + " " + host + (port > 0 ? ":" + port : "") + HeaderParams.format(params);
    }
}
