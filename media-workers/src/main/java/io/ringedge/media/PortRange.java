package io.ringedge.media;

/**
 * An inclusive UDP port range from configuration, written {@code first-last}, e.g.
 * {@code 20000-39999}. Below 1024 is refused: those ports need privileges and belong to
 * well-known services.
 */
public record PortRange(int first, int last) {

    public PortRange {
        if (first < 1024 || last > 65535 || first > last) {
            throw new IllegalArgumentException("port range must lie in 1024..65535 with first <= last, was "
                    + first + "-" + last);
        }
    }

    public int size() {
        return last - first + 1;
    }

    public boolean overlaps(PortRange other) {
        return first <= other.last && other.first <= last;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    /** RTP/RTCP pairs in the range: (even, even + 1), both inside it, when the range starts even. */
    public int pairs() {
        return size() / 2;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
