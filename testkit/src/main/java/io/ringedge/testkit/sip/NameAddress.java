package io.ringedge.testkit.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A From, To, Contact, Route or Record-Route value: optional display name, URI, header parameters
 * (RFC 3261 section 20.10). Without angle brackets every ';' parameter belongs to the header, not the
 * URI, as that section requires.
 */
public record NameAddress(String displayName, String uri, Map<String, String> params) {

    public NameAddress {
        displayName = displayName == null ? "" : displayName;
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static NameAddress of(String uri) {
        return new NameAddress("", uri, Map.of());
    }

    public static NameAddress parse(String value) {
        String v = value.trim();
        int lt = indexOutsideQuotes(v, '<');
        if (lt >= 0) {
            int gt = v.indexOf('>', lt);
            if (gt < 0) {
                throw new SipParseException("unclosed '<' in address '" + value + "'");
            }
            String display = v.substring(0, lt).trim();
            if (display.length() >= 2 && display.startsWith("\"") && display.endsWith("\"")) {
                display = display.substring(1, display.length() - 1);
            }
            String rest = v.substring(gt + 1).trim();
            return new NameAddress(display, v.substring(lt + 1, gt).trim(), paramsAfter(rest, value));
        }
        int semi = v.indexOf(';');
        String uri = semi < 0 ? v : v.substring(0, semi);
        if (uri.isBlank()) {
            throw new SipParseException("no URI in address '" + value + "'");
        }
        return new NameAddress("", uri.trim(), semi < 0 ? Map.of() : HeaderParams.parse(v.substring(semi + 1)));
    }

    private static Map<String, String> paramsAfter(String rest, String whole) {
        if (rest.isEmpty()) {
            return Map.of();
        }
        if (!rest.startsWith(";")) {
            throw new SipParseException("unexpected text after '>' in address '" + whole + "'");
        }
        return HeaderParams.parse(rest.substring(1));
    }

    private static int indexOutsideQuotes(String s, char wanted) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == wanted) {
                return i;
            }
        }
        return -1;
    }

    public Optional<String> param(String name) {
        return params.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    public Optional<String> tag() {
        return param("tag");
    }

    /** The URI's own parameters ({@code sip:a@b;transport=ws;lr} gives transport and lr). */
    public Map<String, String> uriParams() {
        int semi = uri.indexOf(';');
        if (semi < 0) {
            return Map.of();
        }
        int q = uri.indexOf('?', semi);
        return HeaderParams.parse(q < 0 ? uri.substring(semi + 1) : uri.substring(semi + 1, q));
    }

    public NameAddress withParam(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.put(name, value);
        return new NameAddress(displayName, uri, copy);
    }

    @Override
    public String toString() {
        String display = displayName.isEmpty() ? "" : "\"" + displayName + "\" ";
        return display + "<" + uri + ">" + HeaderParams.format(params);
    }
}
