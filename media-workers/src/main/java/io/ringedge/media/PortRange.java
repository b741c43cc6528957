package io.ringedge.media;

import java.util.Optional;

/** An inclusive UDP port range from configuration, e.g. {@code 20000-39999}. */
public record PortRange(int first, int last) {

    public PortRange {
        if (first < 1024 || last > 65535 || first > last) {
            throw new IllegalArgumentException("port range must lie in 1024..65535 with first <= last, was " + first + "-" + last);
        }
    }

    /** Parses {@code first-last}; empty when the text is not two port numbers joined by a dash. */
    public static Optional<PortRange> parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\s*-\\s*");
        if (parts.length != 2 || !parts[0].matches("\\d{1,5}") || !parts[1].matches("\\d{1,5}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PortRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
