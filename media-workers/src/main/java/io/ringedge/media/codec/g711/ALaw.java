package io.ringedge.media.codec.g711;

/**
 * The A-law segment rules of ITU-T G.711 Table 1, in the form of the G.191 STL reference: the
 * encoder works on 12-bit magnitudes, takes the one's complement of negative samples, and every
 * code is transmitted with its even bits inverted (XOR 0x55).
 */
final class ALaw {
    /** Only the top 12 of 16 bits reach the encoder (13 with the sign). */
    static final int ENCODE_SHIFT = 4;

    private static final int EVEN_BIT_INVERSION = 0x55;

    private ALaw() {
    }

    /** The code of one 12-bit signed input (the sample's top bits). */
    static byte encode(int value12) {
        boolean negative = value12 < 0;
        int magnitude = negative ? ~value12 : value12; // 0..2047
        int code;
        if (magnitude < 32) {
            // Segments 0 and 1 share the finest step, so the magnitude is the code itself.
            code = magnitude;
        } else {
            int segment = (31 - Integer.numberOfLeadingZeros(magnitude)) - 3;
            code = (segment << 4) | ((magnitude >> (segment - 1)) & 0x0F);
        }
        return (byte) ((negative ? code : code | 0x80) ^ EVEN_BIT_INVERSION);
    }

    /** The linear 16-bit sample a code stands for. */
    static short decode(int code) {
        int plain = code ^ EVEN_BIT_INVERSION;
        int segment = (plain & 0x7F) >> 4;
        int mantissa = plain & 0x0F;
        if (segment > 0) {
            mantissa += 16; // implicit leading one above segment 0
        }
        // Middle of the interval, scaled to 16 bits.
        int magnitude = (mantissa << 4) + 8;
        if (segment > 1) {
            magnitude <<= segment - 1;
        }
        return (short) ((plain & 0x80) != 0 ? magnitude : -magnitude);
    }
}
