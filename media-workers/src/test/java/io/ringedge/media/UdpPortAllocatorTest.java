package io.ringedge.media;

import io.ringedge.media.control.FreePorts;
import org.junit.jupiter.api.Test;

import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpPortAllocatorTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void pairsAreEvenOddBoundSocketsAndComeBackWhenClosed() throws Exception {
        int first = FreePorts.evenBlock(6);
        UdpPortAllocator pool = new UdpPortAllocator(LOOPBACK, new PortRange(first, first + 5), 2);
        BoundPorts a = pool.allocate().orElseThrow();
        BoundPorts b = pool.allocate().orElseThrow();
        BoundPorts c = pool.allocate().orElseThrow();
        assertEquals(List.of(first, first + 2, first + 4), List.of(a.firstPort(), b.firstPort(), c.firstPort()));
        assertEquals(List.of(first, first + 1), ports(a.channels()));
        assertEquals(Optional.empty(), pool.allocate(), "three pairs in six ports");

        b.close();
        b.close(); // idempotent: the pair is released once
        assertFalse(b.channels().get(0).isOpen());
        BoundPorts again = pool.allocate().orElseThrow();
        assertEquals(first + 2, again.firstPort());
        assertEquals(Optional.empty(), pool.allocate());
        List.of(a, c, again).forEach(BoundPorts::close);
    }

    @Test
    void portsHeldElsewhereAreSkippedAndReleasedOnesAreNotReusedAtOnce() throws Exception {
        int first = FreePorts.block(4);
        UdpPortAllocator pool = new UdpPortAllocator(LOOPBACK, new PortRange(first, first + 3), 1);
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(LOOPBACK, first + 1))) {
            BoundPorts a = pool.allocate().orElseThrow();
            BoundPorts b = pool.allocate().orElseThrow();
            assertEquals(List.of(first, first + 2), List.of(a.firstPort(), b.firstPort()));
            a.close();
            // the search goes on after the last allocation: late packets of a's call must not reach a new one
            BoundPorts c = pool.allocate().orElseThrow();
            assertEquals(first + 3, c.firstPort());
            BoundPorts d = pool.allocate().orElseThrow();
            assertEquals(first, d.firstPort());
            assertTrue(squatter.isBound());
            assertEquals(Optional.empty(), pool.allocate());
            List.of(b, c, d).forEach(BoundPorts::close);
        }
    }

    private static List<Integer> ports(List<DatagramChannel> channels) {
        return channels.stream().map(c -> c.socket().getLocalPort()).toList();
    }

    @Test
    void anIpv4BindAddressGetsIpv4SocketsNotDualStackOnes() throws Exception {
        int first = FreePorts.block(1);
        UdpPortAllocator pool = new UdpPortAllocator(InetAddress.getByName("127.0.0.1"), new PortRange(first, first), 1);
        BoundPorts ports = pool.allocate().orElseThrow();
        try {
            // an IPv4 channel refuses an IPv6 destination before any system call; a dual-stack
            // socket bound to a v4-mapped address would try, and fail in the kernel, or send
            ByteBuffer datagram = ByteBuffer.wrap(new byte[] {1});
            assertThrows(UnsupportedAddressTypeException.class,
                    () -> ports.channels().get(0).send(datagram, new InetSocketAddress(InetAddress.getByName("::1"), 9)));
            assertEquals(StandardProtocolFamily.INET6, UdpPortAllocator.family(InetAddress.getByName("::1")));
        } finally {
            ports.close();
        }
    }
}
