package io.ringedge.media.sdp;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The attributes the worker reads, each with its grammar check: a malformed one makes the whole
 * description invalid, because acting on half of it (a truncated crypto key, a fingerprint that
 * cannot match) would fail later and less clearly. Attributes not listed here are kept verbatim.
 */
final class KnownAttributes {

    /** Compiled once: every session's two offers are checked (String.matches compiled it per call). */
    private static final Pattern DECIMAL_MS = Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,4})?");

    /** Attributes that must have no value (RFC 8866 §6 property attributes, RFC 5761, RFC 8840). */
    private static final Set<String> PROPERTIES = Set.of("sendrecv", "sendonly", "recvonly", "inactive",
            "rtcp-mux", "rtcp-rsize", "end-of-candidates", "ice-lite");

    private static final Map<String, Consumer<String>> VALUES = Map.ofEntries(
            Map.entry("rtpmap", Rtpmap::parse),
            Map.entry("fmtp", Fmtp::parse),
            Map.entry("ptime", v -> decimal(v, "ptime")),
            Map.entry("maxptime", v -> decimal(v, "maxptime")),
            Map.entry("rtcp", RtcpAddress::parse),
            Map.entry("group", Group::parse),
            Map.entry("mid", v -> token(v, "mid")),
            // RFC 8839 §5.4: ufrag 4-256 and pwd 22-256 ice-chars
            Map.entry("ice-ufrag", v -> iceChars(v, 4, 256, "ice-ufrag")),
            Map.entry("ice-pwd", v -> iceChars(v, 22, 256, "ice-pwd")),
            Map.entry("ice-options", v -> tokens(v, "ice-options")),
            Map.entry("candidate", Candidate::parse),
            Map.entry("fingerprint", Fingerprint::parse),
            Map.entry("setup", Setup::parse),
            Map.entry("crypto", Crypto::parse),
            Map.entry("rtcp-fb", KnownAttributes::rtcpFb),
            Map.entry("extmap", KnownAttributes::extmap),
            Map.entry("ssrc", KnownAttributes::ssrc),
            Map.entry("msid", v -> tokens(v, "msid")));

    private KnownAttributes() {
    }

    /** Checks {@code attribute} when it is one the worker reads. */
    static void check(Attribute attribute) {
        String name = attribute.name();
        if (PROPERTIES.contains(name)) {
            if (attribute.value().isPresent()) {
                throw new SdpSyntaxException(name + " takes no value");
            }
            return;
        }
        Consumer<String> check = VALUES.get(name);
        if (check != null) {
            check.accept(attribute.value().orElseThrow(() -> new SdpSyntaxException(name + " needs a value")));
        }
    }

    private static void decimal(String v, String what) {
        if (!DECIMAL_MS.matcher(v).matches()) {
            throw new SdpSyntaxException(what + " must be a number of milliseconds, was '" + v + "'");
        }
    }

    private static void token(String v, String what) {
        if (!Tokens.isToken(v)) {
            throw new SdpSyntaxException(what + " must be a token, was '" + v + "'");
        }
    }

    private static void tokens(String v, String what) {
        for (String t : Tokens.fields(v, what)) {
            token(t, what);
        }
    }

    private static void iceChars(String v, int min, int max, String what) {
        if (v.length() < min || v.length() > max || !Tokens.isIceChars(v)) {
            throw new SdpSyntaxException(what + " must be " + min + "-" + max + " ice-chars");
        }
    }

    /** {@code <pt|*> <type> [<params>]} (RFC 4585 §4.2) */
    private static void rtcpFb(String v) {
        String[] f = v.split(" ", 3);
        if (f.length < 2 || !(f[0].equals("*") || Tokens.isDigits(f[0])) || !Tokens.isToken(f[1])) {
            throw new SdpSyntaxException("rtcp-fb: expected '<pt|*> <type> [<params>]', was '" + v + "'");
        }
    }

    /** {@code <id>[/<direction>] <uri> [<attributes>]} (RFC 8285 §8): ids 1-14 or 256-4095 (0 reserved). */
    private static void extmap(String v) {
        String[] f = v.split(" ", 3);
        if (f.length < 2 || f[1].isEmpty()) {
            throw new SdpSyntaxException("extmap: expected '<id>[/<direction>] <uri>', was '" + v + "'");
        }
        String[] idDir = f[0].split("/", -1);
        Tokens.integer(idDir[0], 1, 4095, "extmap id");
        if (idDir.length > 2 || (idDir.length == 2 && Direction.fromAttribute(idDir[1]).isEmpty())) {
            throw new SdpSyntaxException("extmap: bad direction in '" + f[0] + "'");
        }
    }

    /** {@code <ssrc-id> <attribute>[:<value>]} (RFC 5576 §4.1) */
    private static void ssrc(String v) {
        int space = v.indexOf(' ');
        if (space < 0) {
            throw new SdpSyntaxException("ssrc: expected '<ssrc-id> <attribute>[:<value>]', was '" + v + "'");
        }
        Tokens.number(v.substring(0, space), 0, 0xFFFFFFFFL, "ssrc id");
        String attr = v.substring(space + 1);
        int colon = attr.indexOf(':');
        token(colon < 0 ? attr : attr.substring(0, colon), "ssrc attribute");
    }
}
