package io.ringedge.media.control;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Blocks of consecutive free loopback UDP ports, for port ranges in tests that run beside others. */
public final class FreePorts {

    private FreePorts() {
    }

    public static int evenBlock(int size) {
        return find(size, true);
    }

    public static int block(int size) {
        return find(size, false);
    }

    private static int find(int size, boolean even) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(42000, 60000 - size);
            if (even) {
                first &= ~1;
            }
            if (free(first, size)) {
                return first;
            }
        }
        throw new IllegalStateException("no block of " + size + " free UDP ports");
    }

    private static boolean free(int first, int size) {
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int port = first; port < first + size; port++) {
                held.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            }
            return true;
        } catch (IOException taken) {
            return false;
        } finally {
            held.forEach(DatagramSocket::close);
        }
    }
}
