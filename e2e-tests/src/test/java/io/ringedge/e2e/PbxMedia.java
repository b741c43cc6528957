package io.ringedge.e2e;

import io.ringedge.media.codec.g711.G711;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The PBX's RTP address in a media test: a UDP socket on the port SIPp's scenario offers
 * ({@code [media_port+4]}, so SIPp runs with {@code -mp} {@link #sippMediaPort()}) and sends its
 * capture from. Records every RTP packet the edge's media worker sends the PBX.
 */
final class PbxMedia implements AutoCloseable {

    /** One RTP packet as received (RFC 3550 §5.1). */
    record Packet(long receivedNanos, int payloadType, boolean marker, int sequence, long timestamp, long ssrc,
                  byte[] payload) {
    }

    private final DatagramSocket socket;
    private final List<Packet> packets = new ArrayList<>();
    private final Thread reader;

    private PbxMedia(DatagramSocket socket) {
        this.socket = socket;
        this.reader = Thread.ofPlatform().daemon().name("pbx-rtp-" + socket.getLocalPort()).start(this::read);
    }

    /** Binds a loopback port P such that P - 4 and P - 2 (SIPp's own RTP ports) are free too. */
    static PbxMedia bind() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
            int port = socket.getLocalPort();
            if (port > 1028 && free(loopback, port - 4) && free(loopback, port - 2)) {
                return new PbxMedia(socket);
            }
            socket.close();
        }
        throw new IOException("no loopback UDP port P with P-4 and P-2 free after 50 attempts");
    }

    private static boolean free(InetAddress address, int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, port))) {
            return true;
        } catch (SocketException e) {
            return false;
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    /** SIPp's {@code -mp}: the scenario's {@code [media_port+4]} is then {@link #port()}. */
    int sippMediaPort() {
        return port() - 4;
    }

    private void read() {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                socket.receive(datagram);
            } catch (IOException e) {
                return; // closed
            }
            byte[] b = Arrays.copyOf(datagram.getData(), datagram.getLength());
            // RTP version 2 and a whole header; RTCP (PT 200..204 in the second byte) is not audio
            if (b.length < 12 || (b[0] & 0xC0) != 0x80 || ((b[1] & 0xFF) >= 200 && (b[1] & 0xFF) <= 204)) {
                continue;
            }
            int headerLength = 12 + 4 * (b[0] & 0x0F);
            if ((b[0] & 0x10) != 0 && b.length >= headerLength + 4) {
                headerLength += 4 + 4 * (((b[headerLength + 2] & 0xFF) << 8) | (b[headerLength + 3] & 0xFF));
            }
            if (headerLength > b.length) {
                continue;
            }
            Packet p = new Packet(System.nanoTime(), b[1] & 0x7F, (b[1] & 0x80) != 0,
                    ((b[2] & 0xFF) << 8) | (b[3] & 0xFF),
                    ((long) (b[4] & 0xFF) << 24) | ((b[5] & 0xFF) << 16) | ((b[6] & 0xFF) << 8) | (b[7] & 0xFF),
                    ((long) (b[8] & 0xFF) << 24) | ((b[9] & 0xFF) << 16) | ((b[10] & 0xFF) << 8) | (b[11] & 0xFF),
                    Arrays.copyOfRange(b, headerLength, b.length));
            synchronized (packets) {
                packets.add(p);
                packets.notifyAll();
            }
        }
    }

    /** Every packet received from {@code sinceNanos} on (a {@link System#nanoTime()}). */
    List<Packet> since(long sinceNanos) {
        synchronized (packets) {
            return packets.stream().filter(p -> p.receivedNanos() - sinceNanos >= 0).toList();
        }
    }

    List<Packet> all() {
        return since(Long.MIN_VALUE / 2);
    }

    /** Waits until {@code count} packets of {@code payloadType} arrived since {@code sinceNanos}. */
    void await(int payloadType, int count, long sinceNanos, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (packets) {
            while (since(sinceNanos).stream().filter(p -> p.payloadType() == payloadType).count() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("fewer than " + count + " RTP packets of payload type " + payloadType
                            + " reached the PBX in " + timeout.toMillis() + " ms: " + describe(all()));
                }
                packets.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** The PCMU audio of {@code received}, decoded, in arrival order (loopback does not reorder). */
    static short[] pcmu(List<Packet> received) {
        List<Packet> audio = received.stream().filter(p -> p.payloadType() == G711.PCMU.payloadType()).toList();
        int length = audio.stream().mapToInt(p -> p.payload().length).sum();
        short[] pcm = new short[length];
        int at = 0;
        for (Packet p : audio) {
            G711.PCMU.decode(p.payload(), 0, pcm, at, p.payload().length);
            at += p.payload().length;
        }
        return pcm;
    }

    /** The RFC 4733 §2.3 event codes in the {@code payloadType} packets of {@code received}. */
    static Set<Integer> telephoneEvents(List<Packet> received, int payloadType) {
        Set<Integer> events = new TreeSet<>();
        received.stream().filter(p -> p.payloadType() == payloadType && p.payload().length >= 4)
                .forEach(p -> events.add(p.payload()[0] & 0xFF));
        return events;
    }

    static String describe(List<Packet> received) {
        StringBuilder s = new StringBuilder(received.size() + " packets");
        received.stream().map(Packet::payloadType).distinct()
                .forEach(pt -> s.append(", PT ").append(pt).append(": ")
                        .append(received.stream().filter(p -> p.payloadType() == pt).count()));
        return s.toString();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(2000);
    }
}
