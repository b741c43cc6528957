package io.ringedge.media.ice.internal;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Addresses from which the peer sent a check that authenticated under our credentials, of this ICE
 * generation or the one before a restart. The peer may send media from any of them (RFC 8445 §12:
 * an agent must be prepared to receive media on any pair it may have chosen), including pairs our
 * own check list never validated: after an ICE restart libwebrtc can keep sending on an
 * old-generation pair, or on a pair of a new candidate with our old credentials, until it settles.
 * Such a source proved it knows our ICE password, and every packet is still SRTP-authenticated.
 * Bounded, oldest first out, so a peer's many addresses cannot grow it.
 */
public final class ProvenSources {
    static final int CAPACITY = 8;

    private final Deque<InetSocketAddress> sources = new ArrayDeque<>(CAPACITY);

    public void add(InetSocketAddress source) {
        if (sources.contains(source)) {
            return;
        }
        if (sources.size() == CAPACITY) {
            sources.removeFirst();
        }
        sources.addLast(source);
    }

    public boolean contains(InetSocketAddress source) {
        return sources.contains(source);
    }
}
