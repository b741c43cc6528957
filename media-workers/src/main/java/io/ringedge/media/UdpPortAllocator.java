package io.ringedge.media;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Hands out non-blocking UDP channels from one port range, {@code width} consecutive ports at a time: 2 on the PBX
 * leg (RTP on the even port, RTCP on the next, RFC 3550 §11), 1 on the device leg (rtcp-mux,
 * RFC 5761). Allocation binds for real, so a port another process holds is skipped, not handed
 * out; the search starts after the last allocation, so a just-released port is the last to be
 * reused (late packets of an ended call must not land in a new one).
 *
 * <p>The channels are of the bind address's own family ({@link #family}): an IPv4 bind address
 * gets plain IPv4 sockets, not the JDK's default dual-stack IPv6 socket bound to a v4-mapped
 * address, which could reach nothing more (it can only talk IPv4 from there) and costs more per
 * datagram (the kernel goes through its IPv6 UDP entry points and maps every address).
 */
public final class UdpPortAllocator {

    private final InetAddress bindAddress;
    private final PortRange range;
    private final int width;
    private final int slots;
    private final BitSet inUse;
    private int cursor;

    public UdpPortAllocator(InetAddress bindAddress, PortRange range, int width) {
        if (width < 1 || range.size() < width) {
            throw new IllegalArgumentException("range " + range + " holds no block of " + width + " ports");
        }
        this.bindAddress = bindAddress;
        this.range = range;
        this.width = width;
        this.slots = range.size() / width;
        this.inUse = new BitSet(slots);
    }

    /** Bound channels on the next free block, or empty when every block is taken. */
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

    /** The protocol family of sockets bound to {@code address}. */
    public static ProtocolFamily family(InetAddress address) {
        return address instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    private Optional<List<DatagramChannel>> bind(int firstPort) {
        List<DatagramChannel> channels = new ArrayList<>(width);
        try {
            for (int i = 0; i < width; i++) {
                DatagramChannel channel = DatagramChannel.open(family(bindAddress));
                channels.add(channel);
                channel.bind(new InetSocketAddress(bindAddress, firstPort + i));
                channel.configureBlocking(false);
            }
            return Optional.of(channels);
        } catch (IOException portTaken) {
            for (DatagramChannel channel : channels) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // never bound, or already closed
                }
            }
            return Optional.empty();
        }
    }
}
