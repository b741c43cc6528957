package io.ringedge.media.codec.g711;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bit-exactness against the ITU-T G.191 STL test of {@code src/g711}: its CMakeLists encodes
 * {@code sweep.src} (compared with {@code sweep-r.a} / {@code sweep-r.u}), encodes and decodes it
 * (compared with {@code sweep-r.a-a} / {@code sweep-r.u-u}), and decodes the encoded file alone
 * ({@code loli}, compared with {@code sweep-r.rea} / {@code sweep-r.reu}).
 */
class G711Test {

    @ParameterizedTest(name = "{0} encodes sweep.src to {1}")
    @CsvSource({"PCMU, sweep-r.u", "PCMA, sweep-r.a"})
    void encodesTheSweepLikeTheReference(G711 law, String expectedFile) {
        short[] sweep = ItuSweepVectors.words("sweep.src");
        byte[] expected = ItuSweepVectors.codes(expectedFile);
        byte[] codes = new byte[sweep.length];
        law.encode(sweep, 0, codes, 0, sweep.length);
        assertSameCodes(expected, codes, sweep);
        for (int i = 0; i < sweep.length; i++) {
            assertEquals(expected[i], law.encode(sweep[i]), "single-sample encode of " + sweep[i]);
        }
    }

    @ParameterizedTest(name = "{0} round trip of sweep.src matches {1}")
    @CsvSource({"PCMU, sweep-r.u-u", "PCMA, sweep-r.a-a"})
    void roundTripMatchesTheReference(G711 law, String expectedFile) {
        short[] sweep = ItuSweepVectors.words("sweep.src");
        short[] expected = ItuSweepVectors.words(expectedFile);
        byte[] codes = new byte[sweep.length];
        short[] decoded = new short[sweep.length];
        law.encode(sweep, 0, codes, 0, sweep.length);
        law.decode(codes, 0, decoded, 0, codes.length);
        assertSameSamples(expected, decoded, "round trip of sweep.src");
    }

    @ParameterizedTest(name = "{0} decodes {1} to {2}")
    @CsvSource({"PCMU, sweep-r.u, sweep-r.reu", "PCMA, sweep-r.a, sweep-r.rea"})
    void decodesTheReferenceCodesLikeTheReference(G711 law, String codeFile, String expectedFile) {
        byte[] codes = ItuSweepVectors.codes(codeFile);
        short[] expected = ItuSweepVectors.words(expectedFile);
        short[] decoded = new short[codes.length];
        law.decode(codes, 0, decoded, 0, codes.length);
        assertSameSamples(expected, decoded, "decode of " + codeFile);
        for (int i = 0; i < codes.length; i++) {
            assertEquals(expected[i], law.decode(codes[i]), "single-code decode of " + codes[i]);
        }
    }

    @Test
    void offsetsAreHonouredAndNothingOutsideTheRangeIsWritten() {
        short[] pcm = {0, 1000, -1000, 32767, -32768, 0};
        byte[] codes = {9, 9, 9, 9, 9, 9};
        G711.PCMU.encode(pcm, 1, codes, 2, 3);
        assertEquals(9, codes[0]);
        assertEquals(9, codes[1]);
        assertEquals(G711.PCMU.encode((short) 1000), codes[2]);
        assertEquals(G711.PCMU.encode((short) 32767), codes[4]);
        assertEquals(9, codes[5]);

        short[] out = {7, 7, 7, 7};
        G711.PCMA.decode(codes, 2, out, 1, 2);
        assertEquals(7, out[0]);
        assertEquals(G711.PCMA.decode(codes[2]), out[1]);
        assertEquals(7, out[3]);
    }

    @Test
    void rangesOutsideTheArraysAreRejectedBeforeAnythingIsWritten() {
        byte[] codes = new byte[4];
        assertThrows(IndexOutOfBoundsException.class, () -> G711.PCMA.encode(new short[3], 0, codes, 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> G711.PCMU.decode(codes, 2, new short[8], 0, 3));
    }

    @Test
    void payloadTypesAreTheStaticOnesOfRfc3551() {
        assertEquals(0, G711.PCMU.payloadType());
        assertEquals(8, G711.PCMA.payloadType());
    }

    private static void assertSameCodes(byte[] expected, byte[] actual, short[] input) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                fail("code " + i + " (input " + input[i] + "): expected 0x"
                        + Integer.toHexString(expected[i] & 0xFF) + ", got 0x" + Integer.toHexString(actual[i] & 0xFF));
            }
        }
    }

    private static void assertSameSamples(short[] expected, short[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                fail(what + ": sample " + i + " expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }
}
