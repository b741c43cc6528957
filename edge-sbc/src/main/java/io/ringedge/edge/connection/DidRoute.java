package io.ringedge.edge.connection;

/** Calls to DIDs matching {@code pattern} ring the devices of {@code userId}. */
public record DidRoute(DidPattern pattern, String userId) {

    /**
     * Orders routes so the most specific wins: an exact DID, then the longest prefix, then regexes
     * in configuration order. Lower ranks first.
     */
    int rank() {
        return switch (pattern) {
            case DidPattern.Exact e -> 0;
            case DidPattern.Prefix p -> 1_000_000 - p.prefix().length();
            case DidPattern.Regex r -> 2_000_000;
        };
    }
}
