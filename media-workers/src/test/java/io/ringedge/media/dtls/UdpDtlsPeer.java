package io.ringedge.media.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;

/** One of our DTLS endpoints on a loopback UDP socket, for talking to openssl. */
final class UdpDtlsPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final DtlsEndpoint endpoint;
    private volatile InetSocketAddress remote;

    /** @param remote the peer, or null for a server that answers whoever writes first */
    UdpDtlsPeer(DtlsCertificate certificate, DtlsRole role, DtlsFingerprint remoteFingerprint, InetSocketAddress remote)
            throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.remote = remote;
        this.endpoint = new DtlsEndpoint(certificate, role, remoteFingerprint, this::send, Duration.ofSeconds(15),
                new DtlsCounters());
        Thread.ofVirtual().name("udp-dtls").start(this::receiveLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    DtlsEndpoint endpoint() {
        return endpoint;
    }

    private void send(byte[] buf, int off, int len) throws IOException {
        socket.send(new DatagramPacket(buf, off, len, remote));
    }

    private void receiveLoop() {
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
                if (remote == null) {
                    remote = (InetSocketAddress) packet.getSocketAddress();
                }
                endpoint.receive(buf, 0, packet.getLength());
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        endpoint.close();
        socket.close();
    }
}
