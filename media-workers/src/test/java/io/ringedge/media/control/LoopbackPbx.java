package io.ringedge.media.control;

import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.srtp.SrtpMasterKey;
import io.ringedge.media.srtp.SrtpTransformer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The "PBX" of a loopback call: a plain UDP socket speaking RTP, or SDES-SRTP once keyed. */
final class LoopbackPbx implements AutoCloseable {
    final DatagramSocket socket;
    private SrtpTransformer protect;
    private SrtpTransformer unprotect;
    private int sequence;
    private long timestamp;

    LoopbackPbx() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** The PBX's offer: {@code fixture} with its media on loopback at {@code sdpPort}. */
    static String offer(String fixture, int sdpPort) {
        return fixture.replaceAll("198\\.51\\.100\\.\\d+", "127.0.0.1")
                .replaceFirst("m=audio \\d+ ", "m=audio " + sdpPort + " ")
                .replaceAll("a=rtcp:\\d+", "a=rtcp:" + (sdpPort + 1));
    }

    /** SDES (RFC 4568): {@code ours} from our a=crypto protects what we send, the worker's what it sends. */
    void useSdes(SrtpMasterKey ours, SrtpMasterKey workers) {
        protect = new SrtpTransformer(ours);
        unprotect = new SrtpTransformer(workers);
    }

    void send(int payloadType, byte[] payload, int workerPort) throws IOException {
        byte[] packet = new byte[12 + payload.length + 16];
        RtpHeader.writeFixed(packet, 0, sequence == 0, payloadType, sequence++, timestamp, 0x0A0A0A0A);
        timestamp += payload.length;
        System.arraycopy(payload, 0, packet, 12, payload.length);
        int length = protect == null ? 12 + payload.length : protect.protect(packet, 0, 12 + payload.length);
        sendRaw(Arrays.copyOf(packet, length), workerPort);
    }

    void sendRaw(byte[] datagram, int port) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
    }

    /** Every RTP packet that arrives within {@code millis}. */
    List<byte[]> receive(long millis) throws IOException {
        List<byte[]> packets = new ArrayList<>();
        long deadline = System.currentTimeMillis() + millis;
        byte[] buf = new byte[1500];
        while (System.currentTimeMillis() < deadline) {
            DatagramPacket datagram = new DatagramPacket(buf, buf.length);
            socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            try {
                socket.receive(datagram);
                int length = unprotect == null ? datagram.getLength() : unprotect.unprotect(buf, 0, datagram.getLength());
                if (length > 0) { // an SRTP packet that fails authentication is not the worker's
                    packets.add(Arrays.copyOf(buf, length));
                }
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        return packets;
    }

    @Override
    public void close() {
        socket.close();
    }
}
