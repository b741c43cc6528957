package io.ringedge.media.srtp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringedge.media.Hex;
import org.junit.jupiter.api.Test;

/** RFC 3711 Appendix B.2, AES-CM test vectors: a 65,282-block keystream segment. */
class AesCounterModeTest {
    private static final byte[] SESSION_KEY = Hex.bytes("2B7E151628AED2A6ABF7158809CF4F3C");
    /** Session salt, already shifted; with ROC, SEQ and SSRC all zero it is the IV itself. */
    private static final byte[] IV = Hex.bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");

    @Test
    void keystreamMatchesTheFirstAndLastBlocksOfTheRfcSegment() {
        byte[] keystream = new byte[1_044_512];
        new AesCounterMode(SESSION_KEY).apply(IV, keystream, 0, keystream.length);

        assertEquals("e03ead0935c95e80e166b16dd92b4eb4" + "d23513162b02d0f72a43a2fe4a5f97ab"
                + "41e95b3bb0a2e8dd477901e4fca894c0", Hex.of(keystream, 0, 48));
        assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4" + "362b7c3c6773516318a077d7fc5073ae"
                + "6a2cc3787889374fbeb4c81b17ba6c44", Hex.of(keystream, keystream.length - 48, 48));
    }

    @Test
    void applyingTwiceRestoresTheDataAndOnlyTheRangeIsTouched() {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        byte[] original = data.clone();
        AesCounterMode aes = new AesCounterMode(SESSION_KEY);
        aes.apply(IV, data, 7, 283);
        assertEquals(original[6], data[6]);
        assertEquals(original[290], data[290]);
        aes.apply(IV, data, 7, 283);
        assertArrayEquals(original, data);
    }
}
