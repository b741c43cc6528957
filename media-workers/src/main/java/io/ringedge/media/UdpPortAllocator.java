package io.ringedge.media;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Binds UDP sockets on ports of a range. Ports are tried round-robin from where the last bind
 * stopped, so a port just released is the last to be reused (late packets of an ended call do
 * not land in a new one). The operating system is the registry of what is free: a failed bind
 * moves on, so several workers or processes can share a range.
 */
public final class UdpPortAllocator {
    private final InetAddress bindAddress;
    private final PortRange range;
    private final AtomicInteger cursor = new AtomicInteger();

    public UdpPortAllocator(InetAddress bindAddress, PortRange range) {
        this.bindAddress = bindAddress;
        this.range = range;
    }

    /** A socket bound to a free port of the range; fails only when every port is taken. */
    public DatagramSocket bind() throws IOException {
        for (int attempt = 0; attempt < range.size(); attempt++) {
            int port = range.first() + Math.floorMod(cursor.getAndIncrement(), range.size());
            DatagramSocket socket = new DatagramSocket(null);
            try {
                socket.bind(new InetSocketAddress(bindAddress, port));
                return socket;
            } catch (BindException e) {
                socket.close();
            } catch (SocketException e) {
                socket.close();
                throw e;
            }
        }
        throw new BindException("no free UDP port in " + range + " on " + bindAddress.getHostAddress());
    }
}
