package io.ringedge.media.control;

import io.ringedge.media.rtp.RtpHeader;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The "PBX" of a loopback call: a plain UDP socket speaking RTP. */
final class LoopbackPbx implements AutoCloseable {
    final DatagramSocket socket;
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

    void send(int payloadType, byte[] payload, int workerPort) throws IOException {
        byte[] packet = new byte[12 + payload.length];
        RtpHeader.writeFixed(packet, 0, sequence == 0, payloadType, sequence++, timestamp, 0x0A0A0A0A);
        timestamp += payload.length;
        System.arraycopy(payload, 0, packet, 12, payload.length);
        sendRaw(packet, workerPort);
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
                packets.add(Arrays.copyOf(buf, datagram.getLength()));
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
