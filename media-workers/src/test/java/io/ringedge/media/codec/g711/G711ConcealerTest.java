package io.ringedge.media.codec.g711;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringedge.media.Audio;
import org.junit.jupiter.api.Test;

class G711ConcealerTest {
    private static final int N = 160;

    @Test
    void firstLostFrameContinuesAVoicedSignalInPhase() {
        G711Concealer concealer = new G711Concealer();
        // 200 Hz: a 40-sample pitch period, inside the 5..15 ms search range.
        for (int f = 0; f < 5; f++) {
            concealer.good(Audio.tone(200, 8000, 8000, (long) f * N, N), 0, N);
        }
        short[] concealed = new short[N];
        concealer.conceal(concealed, 0, N);
        short[] truth = Audio.tone(200, 8000, 8000, 5L * N, N);
        // First 10 ms at full gain: the waveform itself continues.
        assertTrue(Audio.snrDb(truth, 0, concealed, 0, 80) > 20, "in phase: " + Audio.snrDb(truth, 0, concealed, 0, 80));
        // Then the 20 %-per-10 ms fade has begun.
        assertTrue(Audio.energy(concealed, 80, 80) < Audio.energy(concealed, 0, 80));
    }

    @Test
    void fadesToSilenceAfterSixtyMilliseconds() {
        G711Concealer concealer = new G711Concealer();
        for (int f = 0; f < 5; f++) {
            concealer.good(Audio.tone(250, 8000, 8000, (long) f * N, N), 0, N);
        }
        short[] out = new short[N];
        double[] energies = new double[4];
        for (int f = 0; f < 4; f++) {
            concealer.conceal(out, 0, N);
            energies[f] = Audio.energy(out, 0, N);
        }
        assertTrue(energies[0] > energies[1] && energies[1] > energies[2], java.util.Arrays.toString(energies));
        assertEquals(0, energies[3], "silent after 60 ms");
    }

    @Test
    void crossFadesBackIntoTheNextGoodFrame() {
        G711Concealer concealer = new G711Concealer();
        for (int f = 0; f < 5; f++) {
            concealer.good(Audio.tone(200, 8000, 8000, (long) f * N, N), 0, N);
        }
        short[] out = new short[N];
        concealer.conceal(out, 0, N);
        short[] next = Audio.tone(200, 8000, 8000, 6L * N, N);
        short[] original = next.clone();
        concealer.good(next, 0, N);
        assertTrue(next[0] != original[0] || next[1] != original[1], "start of the good frame is blended");
        assertEquals(original[40], next[40], "after 4 ms the good frame is untouched");
    }
}
