package io.ringedge.edge.sip;

/** The listener a message arrived on, which says who may be talking: a PBX, a device or another edge. */
public enum Ingress {
    UDP("UDP", Peer.PBX),
    TCP("TCP", Peer.PBX),
    TLS("TLS", Peer.PBX),
    WS("WS", Peer.DEVICE),
    WSS("WSS", Peer.DEVICE),
    /** Edge-to-edge requests (a call held on one edge for a device attached to another). */
    INTERNAL("TCP", Peer.EDGE);

    public enum Peer { PBX, DEVICE, EDGE }

    private final String transport;
    private final Peer peer;

    Ingress(String transport, Peer peer) {
        this.transport = transport;
        this.peer = peer;
    }

    public String transport() {
        return transport;
    }

    public Peer peer() {
        return peer;
    }

    /** RFC 3261 §18.3: stream transports frame messages by Content-Length; datagrams need not. */
    public boolean isStream() {
        return this != UDP;
    }
}
