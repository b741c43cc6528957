package io.ringedge.testkit.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The header fields of a SIP message, immutable and in wire order. Names compare case-insensitively
 * and compact forms ({@code v}, {@code i}, {@code m} ...) are expanded (RFC 3261 section 7.3.3), so
 * {@code first("Via")} finds a header sent as {@code v:}.
 */
public final class SipHeaders {

    /** RFC 3261 section 7.3.3 and the IANA SIP parameters registry. */
    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("a", "Accept-Contact"), Map.entry("b", "Referred-By"), Map.entry("c", "Content-Type"),
            Map.entry("d", "Request-Disposition"), Map.entry("e", "Content-Encoding"), Map.entry("f", "From"),
            Map.entry("i", "Call-ID"), Map.entry("j", "Reject-Contact"), Map.entry("k", "Supported"),
            Map.entry("l", "Content-Length"), Map.entry("m", "Contact"), Map.entry("o", "Event"),
            Map.entry("r", "Refer-To"), Map.entry("s", "Subject"), Map.entry("t", "To"),
            Map.entry("u", "Allow-Events"), Map.entry("v", "Via"), Map.entry("x", "Session-Expires"),
            Map.entry("y", "Identity"));

    /**
     * Headers whose values contain commas that do not separate list elements (RFC 3261 section 7.3.1
     * lists the exceptions), so they are never split.
     */
    private static final Set<String> NOT_LISTS = Set.of("www-authenticate", "authorization",
            "proxy-authenticate", "proxy-authorization", "date", "subject", "user-agent", "server");

    private static final SipHeaders EMPTY = new SipHeaders(List.of());

    private final List<SipHeader> headers;

    private SipHeaders(List<SipHeader> headers) {
        this.headers = List.copyOf(headers);
    }

    public static SipHeaders empty() {
        return EMPTY;
    }

    public static SipHeaders of(List<SipHeader> headers) {
        return new SipHeaders(headers.stream().map(h -> new SipHeader(fullName(h.name()), h.value())).toList());
    }

    /** The long name for a compact one; other names unchanged. */
    public static String fullName(String name) {
        String trimmed = name.trim();
        return trimmed.length() == 1 ? COMPACT.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed) : trimmed;
    }

    public List<SipHeader> all() {
        return headers;
    }

    /** The value of the first header of that name. */
    public Optional<String> first(String name) {
        String wanted = fullName(name);
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(wanted)).map(SipHeader::value).findFirst();
    }

    /** Every header line of that name, values unsplit. */
    public List<String> lines(String name) {
        String wanted = fullName(name);
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(wanted)).map(SipHeader::value).toList();
    }

    /**
     * Every element of a list header, across lines and split at commas outside quotes and angle
     * brackets: {@code Via: a, b} followed by {@code Via: c} gives {@code [a, b, c]}
     * (RFC 3261 section 7.3.1 makes the two forms equivalent).
     */
    public List<String> values(String name) {
        List<String> lines = lines(name);
        if (NOT_LISTS.contains(fullName(name).toLowerCase(Locale.ROOT))) {
            return lines;
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.addAll(splitList(line));
        }
        return out;
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** A copy with one header added after the existing ones. */
    public SipHeaders with(String name, String value) {
        List<SipHeader> copy = new ArrayList<>(headers);
        copy.add(new SipHeader(fullName(name), value));
        return new SipHeaders(copy);
    }

    /** A copy where every header of that name is replaced by one with this value, at the first's place. */
    public SipHeaders replacing(String name, String value) {
        String wanted = fullName(name);
        List<SipHeader> copy = new ArrayList<>();
        boolean placed = false;
        for (SipHeader h : headers) {
            if (h.name().equalsIgnoreCase(wanted)) {
                if (!placed) {
                    copy.add(new SipHeader(wanted, value));
                    placed = true;
                }
            } else {
                copy.add(h);
            }
        }
        if (!placed) {
            copy.add(new SipHeader(wanted, value));
        }
        return new SipHeaders(copy);
    }

    /** A copy where the headers of that name become {@code values}, one line each, at the first one's place. */
    public SipHeaders replacing(String name, List<String> values) {
        String wanted = fullName(name);
        List<SipHeader> copy = new ArrayList<>();
        boolean placed = false;
        for (SipHeader h : headers) {
            if (!h.name().equalsIgnoreCase(wanted)) {
                copy.add(h);
            } else if (!placed) {
                values.forEach(v -> copy.add(new SipHeader(wanted, v)));
                placed = true;
            }
        }
        if (!placed) {
            values.forEach(v -> copy.add(new SipHeader(wanted, v)));
        }
        return new SipHeaders(copy);
    }

    public SipHeaders without(String name) {
        String wanted = fullName(name);
        return new SipHeaders(headers.stream().filter(h -> !h.name().equalsIgnoreCase(wanted)).toList());
    }

    static List<String> splitList(String line) {
        return HeaderParams.split(line, ',').stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipHeaders other && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        return headers.toString();
    }
}
