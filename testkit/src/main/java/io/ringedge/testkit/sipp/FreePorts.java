package io.ringedge.testkit.sipp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports free for both UDP and TCP, so one SIPp port works with either transport. */
final class FreePorts {

    private FreePorts() {
    }

    static int udpAndTcp() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                    return port;
                } catch (IOException taken) {
                    // busy for UDP only: try another
                }
            }
        }
        throw new IOException("no loopback port free for both UDP and TCP after 50 attempts");
    }

    /**
     * An even UDP port with its odd neighbour free (SIPp's media socket and the RTCP port after it,
     * RFC 3550 §11), so parallel SIPp runs do not fight over the default media port 6000.
     */
    static int mediaPort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
                port = probe.getLocalPort() & ~1;
            }
            if (port >= 1024 && port < 65534 && !inUse(port, SippTransport.UDP) && !inUse(port + 1, SippTransport.UDP)) {
                return port;
            }
        }
        throw new IOException("no free even/odd UDP port pair on loopback after 50 attempts");
    }

    /** True while something holds {@code port} on loopback for this transport (so SIPp is listening). */
    static boolean inUse(int port, SippTransport transport) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try {
            if (transport == SippTransport.UDP) {
                new DatagramSocket(new InetSocketAddress(loopback, port)).close();
            } else {
                new ServerSocket(port, 1, loopback).close();
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
