package io.ringedge.deploy;

/** A protocol and an inclusive port range; protocol "any" stands for every IP protocol. */
record PortRange(String protocol, int from, int to) {

    static final String ANY = "any";

    static PortRange any() {
        return new PortRange(ANY, 0, 65535);
    }

    boolean overlaps(PortRange other) {
        boolean sameProtocol = protocol.equals(ANY) || other.protocol.equals(ANY) || protocol.equals(other.protocol);
        return sameProtocol && from <= other.to && other.from <= to;
    }

    boolean covers(PortRange other) {
        return (protocol.equals(ANY) || protocol.equals(other.protocol)) && from <= other.from && other.to <= to;
    }

    @Override
    public String toString() {
        return protocol + " " + from + (to == from ? "" : "-" + to);
    }
}
