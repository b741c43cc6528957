package io.ringedge.bench.jmh;

import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.srtp.SrtpMasterKey;
import io.ringedge.media.srtp.SrtpProfile;
import io.ringedge.media.srtp.SrtpTransformer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-packet SRTP cost on the worker's path (RFC 3711, RFC 7714): one 20 ms audio packet, 12-octet
 * header, PCMU's 160-octet payload or a typical Opus one. {@code protect} is what the worker
 * spends per packet sent; {@code protectThenUnprotect} adds the receiver's side (authentication,
 * replay window, decryption), so unprotect is the difference. Each call uses the next sequence
 * number, as a real stream does, so the replay window accepts every packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SrtpBenchmark {
    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public String profile;

    @Param({"160", "60"})
    public int payload;

    private final byte[] packet = new byte[12 + 160 + 32];
    private SrtpTransformer sender;
    private SrtpTransformer receiver;
    private int sequence;

    @Setup
    public void keys() {
        SrtpProfile p = SrtpProfile.valueOf(profile);
        byte[] key = new byte[p.masterKeyLength()];
        byte[] salt = new byte[p.masterSaltLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i * 13 + 5);
        }
        SrtpMasterKey master = new SrtpMasterKey(p, key, salt);
        sender = new SrtpTransformer(master);
        receiver = new SrtpTransformer(master);
    }

    private int nextPacket() {
        RtpHeader.writeFixed(packet, 0, false, 0, sequence & 0xFFFF, 160L * sequence, 0x0B0B0B0B);
        sequence++;
        for (int i = 12; i < 12 + payload; i++) {
            packet[i] = (byte) i;
        }
        return 12 + payload;
    }

    @Benchmark
    public int protect() {
        return sender.protect(packet, 0, nextPacket());
    }

    @Benchmark
    public int protectThenUnprotect() {
        int length = sender.protect(packet, 0, nextPacket());
        return receiver.unprotect(packet, 0, length);
    }
}
