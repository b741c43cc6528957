package io.ringedge.media.control;

import io.ringedge.media.rtcp.LegRtcp;
import io.ringedge.media.rtcp.NtpTime;
import io.ringedge.media.rtp.RtcpCheck;
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

/**
 * The "PBX" of a loopback call: a plain UDP socket speaking RTP, or SDES-SRTP once keyed, and a
 * second one for plain RTCP, whose reports our own {@link LegRtcp} writes and reads.
 */
final class LoopbackPbx implements AutoCloseable {
    static final int SSRC = 0x0A0A0A0A;

    final DatagramSocket socket;
    final DatagramSocket rtcpSocket;
    final LegRtcp rtcp;
    private final int ssrc;
    private SrtpTransformer protect;
    private SrtpTransformer unprotect;
    private int sequence;
    private long timestamp;

    LoopbackPbx() throws IOException {
        this(SSRC);
    }

    /** A PBX whose RTP stream has {@code ssrc} (another media server of the same PBX has another). */
    LoopbackPbx(int ssrc) throws IOException {
        this.ssrc = ssrc;
        rtcp = new LegRtcp(ssrc, 8000, "loopback-pbx");
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        rtcpSocket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
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
        RtpHeader.writeFixed(packet, 0, sequence == 0, payloadType, sequence++, timestamp, ssrc);
        rtcp.sender().sent(timestamp, payload.length, System.nanoTime() / 1_000_000);
        timestamp += payload.length;
        System.arraycopy(payload, 0, packet, 12, payload.length);
        int length = protect == null ? 12 + payload.length : protect.protect(packet, 0, 12 + payload.length);
        sendRaw(Arrays.copyOf(packet, length), workerPort);
    }

    void sendRaw(byte[] datagram, int port) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
    }

    /** Sends our SR/RR compound to the worker's RTCP port. */
    void sendReport(int workerRtcpPort) throws IOException {
        byte[] report = new byte[LegRtcp.MAX_COMPOUND];
        int length = rtcp.writeCompound(report, 0, System.nanoTime() / 1_000_000,
                NtpTime.fromUnixMillis(System.currentTimeMillis()));
        rtcpSocket.send(new DatagramPacket(report, length, InetAddress.getLoopbackAddress(), workerRtcpPort));
    }

    /**
     * Reads what the worker sent so far: its RTP into our reception statistics (then dropped), so
     * our reports carry a block about its stream, and its RTCP compounds; returns how many of those
     * were valid.
     */
    int readReports() throws IOException {
        byte[] buf = new byte[1500];
        socket.setSoTimeout(1);
        while (true) {
            DatagramPacket datagram = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                break;
            }
            rtcp.reception().received(RtpHeader.ssrc(buf, 0), RtpHeader.sequenceNumber(buf, 0), RtpHeader.timestamp(buf, 0),
                    RtpHeader.payloadLength(buf, 0, datagram.getLength()), System.nanoTime() / 1_000_000);
        }
        int valid = 0;
        rtcpSocket.setSoTimeout(1);
        while (true) {
            DatagramPacket datagram = new DatagramPacket(buf, buf.length);
            try {
                rtcpSocket.receive(datagram);
            } catch (SocketTimeoutException e) {
                return valid;
            }
            if (rtcp.receive(buf, 0, datagram.getLength(), System.nanoTime() / 1_000_000,
                    NtpTime.fromUnixMillis(System.currentTimeMillis())) == RtcpCheck.VALID) {
                valid++;
            }
        }
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
        rtcpSocket.close();
    }
}
