package io.ringedge.bench.media;

import io.ringedge.media.codec.g711.G711;
import io.ringedge.media.codec.opus.OpusFrameEncoder;
import io.ringedge.media.codec.opus.OpusSettings;
import java.util.Arrays;

/**
 * Payloads the generator sends, made once: a second of a speech-like signal (a gliding 300-500 Hz
 * tone with its third harmonic, at speech level, so the encoders' voice activity detection keeps
 * them sending rather than going to DTX) as 20 ms PCMU frames and as Opus frames from the worker's
 * own encoder settings. Encoding is done before
 * the run so the generator spends its CPU on sending, not on codecs. In pass-through the payload
 * is not audio at all: it carries its send time, which the worker passes through untouched.
 */
final class BenchFrames {
    static final int FRAMES = 50;
    static final int PCMU_BYTES = 160;
    /** "RING": marks a payload that starts with its send time in nanoseconds. */
    static final int MAGIC = 0x52494E47;

    private final byte[][] pcmu = new byte[FRAMES][];
    private final byte[][] opus = new byte[FRAMES][];

    BenchFrames() {
        OpusFrameEncoder encoder = new OpusFrameEncoder(OpusSettings.DEFAULT);
        byte[] out = new byte[1500];
        for (int i = 0; i < FRAMES; i++) {
            short[] pcm = new short[PCMU_BYTES];
            for (int s = 0; s < PCMU_BYTES; s++) {
                double t = (i * PCMU_BYTES + s) / 8000.0;
                double hz = 400 + 100 * Math.sin(2 * Math.PI * 2 * t);
                pcm[s] = (short) Math.round(6000 * Math.sin(2 * Math.PI * hz * t) + 1500 * Math.sin(6 * Math.PI * hz * t));
            }
            pcmu[i] = new byte[PCMU_BYTES];
            G711.PCMU.encode(pcm, 0, pcmu[i], 0, PCMU_BYTES);
            opus[i] = Arrays.copyOf(out, encoder.encode(pcm, 0, out, 0, out.length));
        }
    }

    byte[] pcmu(int frame) {
        return pcmu[frame % FRAMES];
    }

    byte[] opus(int frame) {
        return opus[frame % FRAMES];
    }

    /** Writes the send time and the marker at {@code at}: 12 octets. */
    static void stamp(byte[] buf, int at, long nanos) {
        for (int i = 0; i < 8; i++) {
            buf[at + i] = (byte) (nanos >>> (56 - 8 * i));
        }
        buf[at + 8] = (byte) (MAGIC >>> 24);
        buf[at + 9] = (byte) (MAGIC >>> 16);
        buf[at + 10] = (byte) (MAGIC >>> 8);
        buf[at + 11] = (byte) MAGIC;
    }

    /** The send time stamped at {@code at}, or -1 when the payload carries none. */
    static long stampAt(byte[] buf, int at, int payloadLength) {
        if (payloadLength < 12) {
            return -1;
        }
        int magic = ((buf[at + 8] & 0xFF) << 24) | ((buf[at + 9] & 0xFF) << 16) | ((buf[at + 10] & 0xFF) << 8)
                | (buf[at + 11] & 0xFF);
        if (magic != MAGIC) {
            return -1;
        }
        long nanos = 0;
        for (int i = 0; i < 8; i++) {
            nanos = (nanos << 8) | (buf[at + i] & 0xFF);
        }
        return nanos;
    }
}
