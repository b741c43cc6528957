package io.ringedge.testkit.sipp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

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
     * An even UDP port with the three after it free (SIPp's audio socket and its RTCP port, RFC 3550
     * §11, then the video pair SIPp also opens), so parallel SIPp runs do not fight over the default
     * media port 6000.
     */
    static int mediaPort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
                port = probe.getLocalPort() & ~1;
            }
            if (port >= 1024 && port < 65532 && java.util.stream.IntStream.range(port, port + 4)
                    .noneMatch(p -> inUse(p, SippTransport.UDP))) {
                return port;
            }
        }
        throw new IOException("no free even/odd UDP port pair on loopback after 50 attempts");
    }

    /**
     * True while a socket of this transport is bound to {@code port} (a TCP one listening), read
     * from the kernel's socket tables in /proc/net. Never by binding the port to see whether that
     * fails: such a probe holds the port for a moment, and a SIPp starting on it in that moment
     * fails with "Unable to bind main socket" (errno 98).
     */
    static boolean inUse(int port, SippTransport transport) {
        boolean udp = transport == SippTransport.UDP;
        for (String table : udp ? List.of("/proc/net/udp", "/proc/net/udp6") : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> rows;
            try {
                rows = Files.readAllLines(Path.of(table));
            } catch (NoSuchFileException noIpv6) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table, e);
            }
            for (String row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                // "  sl  local_address rem_address   st ...": local_address is HEXIP:HEXPORT, st 0A = LISTEN
                String[] fields = row.trim().split("\\s+");
                String local = fields[1];
                int localPort = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
                if (localPort == port && (udp || "0A".equals(fields[3]))) {
                    return true;
                }
            }
        }
        return false;
    }
}
