package io.ringedge.bench;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free loopback ports for the edge, so a benchmark never collides with the defaults (5060, 8088...)
 * of a system another process on this machine runs.
 */
final class Ports {

    private Ports() {
    }

    static SystemConfigFile.EdgePorts pick() throws IOException {
        Set<Integer> taken = new HashSet<>();
        int sip = free(taken, true);
        return new SystemConfigFile.EdgePorts(sip, free(taken, false), free(taken, true), free(taken, false));
    }

    /** A port free for TCP (and UDP too when {@code udp}), not already handed out. */
    private static int free(Set<Integer> taken, boolean udp) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
                int port = tcp.getLocalPort();
                if (taken.contains(port)) {
                    continue;
                }
                if (udp) {
                    try (DatagramSocket ignored = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                        // free for UDP as well
                    } catch (IOException busy) {
                        continue;
                    }
                }
                taken.add(port);
                return port;
            }
        }
        throw new IOException("no free loopback port after 50 attempts");
    }
}
