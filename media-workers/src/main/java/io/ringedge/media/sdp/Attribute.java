package io.ringedge.media.sdp;

import java.util.Optional;

/**
 * One {@code a=} line: a property attribute ({@code a=rtcp-mux}) has no value, a value attribute
 * ({@code a=rtpmap:0 PCMU/8000}) has the text after the first colon, verbatim.
 */
public record Attribute(String name, Optional<String> value) {

    public Attribute {
        if (name == null || name.isEmpty() || !Tokens.isToken(name)) {
            throw new IllegalArgumentException("attribute name must be a token: " + name);
        }
        if (value.isPresent() && (value.get().indexOf('\r') >= 0 || value.get().indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("attribute value must be one line");
        }
    }

    public static Attribute property(String name) {
        return new Attribute(name, Optional.empty());
    }

    public static Attribute of(String name, String value) {
        return new Attribute(name, Optional.of(value));
    }

    /** The value, or "" for a property attribute. */
    public String valueOrEmpty() {
        return value.orElse("");
    }

    String encode() {
        return value.map(v -> "a=" + name + ":" + v).orElse("a=" + name);
    }
}
