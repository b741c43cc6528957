package io.ringedge.media;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.util.List;

/**
 * Consecutive bound, non-blocking UDP channels from a {@link UdpPortAllocator}; closing them returns
 * the ports. The media loop that serves them watches them with its selector.
 */
public final class BoundPorts implements AutoCloseable {

    private final UdpPortAllocator allocator;
    private final int firstPort;
    private final List<DatagramChannel> channels;
    private boolean closed;

    BoundPorts(UdpPortAllocator allocator, int firstPort, List<DatagramChannel> channels) {
        this.allocator = allocator;
        this.firstPort = firstPort;
        this.channels = List.copyOf(channels);
    }

    public int firstPort() {
        return firstPort;
    }

    /** The channels, first port first; the media transport takes them over. */
    public List<DatagramChannel> channels() {
        return channels;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (DatagramChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a UDP channel only fails if it is already gone
            }
        }
        allocator.release(firstPort);
    }
}
