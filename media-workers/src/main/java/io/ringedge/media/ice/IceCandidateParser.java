package io.ringedge.media.ice;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code a=candidate} values from SDP (RFC 8839 §5.1); bad input is an answer, not an exception. */
public final class IceCandidateParser {
    /** No real candidate line comes near this; longer text is refused before it is split. */
    static final int MAX_LENGTH = 1024;

    public sealed interface Result {
    }

    public record Parsed(IceCandidate candidate) implements Result {
    }

    public record Invalid(String reason) implements Result {
    }

    private IceCandidateParser() {
    }

    /** Accepts {@code a=candidate:...}, {@code candidate:...} or the bare value. */
    public static Result parse(String line) {
        if (line == null || line.isBlank()) {
            return new Invalid("empty candidate");
        }
        if (line.length() > MAX_LENGTH) {
            return new Invalid("candidate of " + line.length() + " characters exceeds " + MAX_LENGTH);
        }
        String value = line.strip();
        if (value.startsWith("a=")) {
            value = value.substring(2);
        }
        if (value.regionMatches(true, 0, "candidate:", 0, 10)) {
            value = value.substring(10);
        }
        String[] t = value.split("[ \\t]+");
        if (t.length < 8) {
            return new Invalid("candidate needs at least 8 fields, has " + t.length);
        }
        if (!"typ".equals(t[6])) {
            return new Invalid("seventh field must be 'typ', was '" + t[6] + "'");
        }
        try {
            IceCandidateType type = IceCandidateType.ofSdpName(t[7])
                    .orElseThrow(() -> new IllegalArgumentException("unknown candidate type '" + t[7] + "'"));
            String relatedAddress = null;
            int relatedPort = -1;
            int at = 8;
            if (at + 1 < t.length && "raddr".equals(t[at])) {
                relatedAddress = t[at + 1];
                at += 2;
                if (at + 1 >= t.length || !"rport".equals(t[at])) {
                    return new Invalid("raddr without rport");
                }
                relatedPort = number(t[at + 1], "rport", 65535);
                at += 2;
            }
            List<String> extensions = new ArrayList<>(List.of(t).subList(at, t.length));
            if (extensions.size() % 2 != 0) {
                return new Invalid("extension '" + extensions.getLast() + "' has no value");
            }
            return new Parsed(new IceCandidate(t[0], (int) number(t[1], "component", 256), t[2].toLowerCase(),
                    number(t[3], "priority", 0xFFFF_FFFFL), t[4], (int) number(t[5], "port", 65535), type,
                    relatedAddress, relatedPort, extensions));
        } catch (IllegalArgumentException e) {
            return new Invalid(e.getMessage());
        }
    }

    private static long number(String text, String field, long max) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(field + " must be a decimal number, was '" + text + "'");
        }
        long value = Long.parseLong(text);
        if (value > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + ", was " + value);
        }
        return value;
    }

    private static int number(String text, String field, int max) {
        return (int) number(text, field, (long) max);
    }
}
