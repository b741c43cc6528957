package io.ringedge.edge.sip.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Picks a free port for a listener configured with port 0. jain-sip refuses port 0 itself
 * (createListeningPoint: "bad port"), so we ask the OS and hand the number over; the caller
 * retries if another process took it in between.
 */
public final class FreePort {

    private FreePort() {
    }

    public static int pick(InetAddress address, boolean datagram) {
        try {
            if (datagram) {
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0))) {
                    return s.getLocalPort();
                }
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(address, 0));
                return s.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + address, e);
        }
    }
}
