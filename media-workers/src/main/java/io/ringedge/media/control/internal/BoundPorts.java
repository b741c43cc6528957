package io.ringedge.media.control.internal;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.util.List;

/** Consecutive bound UDP sockets from a {@link UdpPortPool}; closing them returns the ports. */
public final class BoundPorts implements AutoCloseable {

    private final UdpPortPool pool;
    private final int firstPort;
    private final List<DatagramChannel> channels;
    private boolean closed;

    BoundPorts(UdpPortPool pool, int firstPort, List<DatagramChannel> channels) {
        this.pool = pool;
        this.firstPort = firstPort;
        this.channels = List.copyOf(channels);
    }

    public int firstPort() {
        return firstPort;
    }

    /** The sockets, first port first; the media transport takes them over. */
    public List<DatagramChannel> channels() {
        return channels;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        channels.forEach(BoundPorts::closeQuietly);
        pool.release(firstPort);
    }

    static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a datagram socket only releases the descriptor; nothing to report
        }
    }
}
