package io.ringedge.edge.connection;

import java.util.regex.Pattern;

/** Which dialled numbers (the INVITE Request-URI user part) a route takes. */
public sealed interface DidPattern {

    boolean matches(String did);

    /** Parses {@code +15551230001} (exact) or {@code +1555123*} (prefix). */
    static DidPattern parse(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty DID");
        }
        if (text.endsWith("*")) {
            String prefix = text.substring(0, text.length() - 1);
            if (prefix.contains("*")) {
                throw new IllegalArgumentException("'*' is only allowed at the end: " + text);
            }
            return new Prefix(prefix);
        }
        if (text.contains("*")) {
            throw new IllegalArgumentException("'*' is only allowed at the end: " + text);
        }
        return new Exact(text);
    }

    record Exact(String did) implements DidPattern {
        @Override
        public boolean matches(String candidate) {
            return did.equals(candidate);
        }
    }

    record Prefix(String prefix) implements DidPattern {
        @Override
        public boolean matches(String candidate) {
            return candidate.startsWith(prefix);
        }
    }

    /** The whole DID must match (not a substring search), so {@code 1555} never admits {@code +15550}. */
    record Regex(Pattern pattern) implements DidPattern {
        @Override
        public boolean matches(String candidate) {
            return pattern.matcher(candidate).matches();
        }
    }
}
