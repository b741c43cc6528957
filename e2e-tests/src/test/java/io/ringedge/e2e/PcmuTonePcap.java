package io.ringedge.e2e;

import io.ringedge.media.codec.g711.G711;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what SIPp's {@code play_pcap_audio} plays: a libpcap capture (Ethernet, IPv4, UDP) of one
 * RTP stream of PCMU (payload type 0, RFC 3551 §4.5.14) carrying a sine tone, 20 ms per packet.
 * SIPp keeps only the UDP part and rewrites its ports and checksum, so the Ethernet and IP headers
 * only have to parse. The system's sample capture is PCMA, which the PBX here does not offer.
 */
final class PcmuTonePcap {

    static final int SAMPLE_RATE = 8000;
    static final int SAMPLES_PER_PACKET = 160;
    private static final int LINKTYPE_ETHERNET = 1;

    private PcmuTonePcap() {
    }

    /**
     * @param hz        the tone's frequency
     * @param amplitude peak of the sine in 16-bit linear (e.g. 8000, about -12 dBFS)
     * @param millis    length, a multiple of 20 ms
     */
    static Path write(Path file, double hz, int amplitude, int millis) throws IOException {
        int packets = millis / 20;
        int udpLength = 8 + 12 + SAMPLES_PER_PACKET;
        int frameLength = 14 + 20 + udpLength;
        ByteBuffer out = ByteBuffer.allocate(24 + packets * (16 + frameLength)).order(ByteOrder.LITTLE_ENDIAN);
        // pcap global header: magic, version 2.4, GMT offset, accuracy, snaplen, link type
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(LINKTYPE_ETHERNET);
        byte[] codes = new byte[SAMPLES_PER_PACKET];
        for (int p = 0; p < packets; p++) {
            long micros = p * 20_000L;
            out.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                    .putInt(frameLength).putInt(frameLength);
            out.order(ByteOrder.BIG_ENDIAN);
            out.put(new byte[12]).putShort((short) 0x0800); // no MACs, IPv4
            // IPv4: version/IHL, TOS, length, id, flags/fragment, TTL, protocol UDP, checksum, 127.0.0.1 -> 127.0.0.1
            out.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udpLength)).putShort((short) p).putShort((short) 0)
                    .put((byte) 64).put((byte) 17).putShort((short) 0).putInt(0x7f000001).putInt(0x7f000001);
            // UDP: the ports are SIPp's to replace; checksum 0 (none)
            out.putShort((short) 6000).putShort((short) 6000).putShort((short) udpLength).putShort((short) 0);
            // RTP (RFC 3550 §5.1): V=2, marker on the first packet, PT 0
            out.put((byte) 0x80).put((byte) (p == 0 ? 0x80 : 0x00)).putShort((short) p)
                    .putInt(p * SAMPLES_PER_PACKET).putInt(0x52494e47);
            for (int i = 0; i < SAMPLES_PER_PACKET; i++) {
                double t = (double) (p * SAMPLES_PER_PACKET + i) / SAMPLE_RATE;
                codes[i] = G711.PCMU.encode((short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * t)));
            }
            out.put(codes);
        }
        Files.write(file, out.array());
        return file;
    }
}
