package io.ringedge.media;

import java.net.DatagramSocket;
import java.util.List;

/** Consecutive bound UDP sockets from a {@link UdpPortAllocator}; closing them returns the ports. */
public final class BoundPorts implements AutoCloseable {

    private final UdpPortAllocator allocator;
    private final int firstPort;
    private final List<DatagramSocket> sockets;
    private boolean closed;

    BoundPorts(UdpPortAllocator allocator, int firstPort, List<DatagramSocket> sockets) {
        this.allocator = allocator;
        this.firstPort = firstPort;
        this.sockets = List.copyOf(sockets);
    }

    public int firstPort() {
        return firstPort;
    }

    /** The sockets, first port first; the media transport takes them over. */
    public List<DatagramSocket> sockets() {
        return sockets;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sockets.forEach(DatagramSocket::close);
        allocator.release(firstPort);
    }
}
