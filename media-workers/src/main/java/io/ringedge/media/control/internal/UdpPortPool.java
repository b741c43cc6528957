package io.ringedge.media.control.internal;

import io.ringedge.media.MediaConfig.PortRange;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Hands out UDP sockets from one port range, {@code width} consecutive ports at a time: 2 on the PBX
 * leg (RTP on the even port, RTCP on the next, RFC 3550 §11), 1 on the device leg (rtcp-mux).
 * Allocation binds for real, so a port another process holds is skipped, not handed out; the
 * search starts after the last allocation, so a just-released port is not reused at once (late
 * packets of the old call must not land in a new one).
 */
public final class UdpPortPool {

    private final InetAddress bindAddress;
    private final PortRange range;
    private final int width;
    private final int slots;
    private final BitSet inUse;
    private int cursor;

    public UdpPortPool(InetAddress bindAddress, PortRange range, int width) {
        if (width < 1 || range.size() < width) {
            throw new IllegalArgumentException("range " + range + " holds no block of " + width + " ports");
        }
        this.bindAddress = bindAddress;
        this.range = range;
        this.width = width;
        this.slots = range.size() / width;
        this.inUse = new BitSet(slots);
    }

    /** Bound sockets on the next free block, or empty when every block is taken. */
    public synchronized Optional<BoundPorts> allocate() {
        for (int tried = 0; tried < slots; tried++) {
            int slot = (cursor + tried) % slots;
            if (inUse.get(slot)) {
                continue;
            }
            Optional<List<DatagramChannel>> channels = bind(range.first() + slot * width);
            if (channels.isPresent()) {
                inUse.set(slot);
                cursor = (slot + 1) % slots;
                return Optional.of(new BoundPorts(this, range.first() + slot * width, channels.get()));
            }
        }
        return Optional.empty();
    }

    public PortRange range() {
        return range;
    }

    synchronized void release(int firstPort) {
        inUse.clear((firstPort - range.first()) / width);
    }

    private Optional<List<DatagramChannel>> bind(int firstPort) {
        List<DatagramChannel> channels = new ArrayList<>(width);
        try {
            for (int i = 0; i < width; i++) {
                DatagramChannel channel = DatagramChannel.open(bindAddress instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                channels.add(channel);
                channel.bind(new InetSocketAddress(bindAddress, firstPort + i));
            }
            return Optional.of(channels);
        } catch (IOException portTaken) {
            channels.forEach(BoundPorts::closeQuietly);
            return Optional.empty();
        }
    }
}
