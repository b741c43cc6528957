package io.ringedge.media.control;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Blocks of consecutive free loopback UDP ports, for port ranges in tests that run beside others. Even blocks (the PBX
 * side's RTP/RTCP pairs) and plain blocks (the device side) come from separate halves of the search space, so a
 * worker's two ranges never overlap, which its configuration rightly refuses.
 */
public final class FreePorts {

    private FreePorts() {
    }

    private static final int EVEN_FROM = 42000;
    private static final int PLAIN_FROM = 51000;
    private static final int END = 60000;

    public static int evenBlock(int size) {
        return find(size, true, EVEN_FROM, PLAIN_FROM);
    }

    public static int block(int size) {
        return find(size, false, PLAIN_FROM, END);
    }

    private static int find(int size, boolean even, int from, int to) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(from, to - size);
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
