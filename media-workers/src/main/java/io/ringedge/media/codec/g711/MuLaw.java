package io.ringedge.media.codec.g711;

/**
 * The mu-law segment rules of ITU-T G.711 Table 2, in the form of the G.191 STL reference: the
 * encoder works on 14-bit magnitudes with a bias of 33, and takes the one's complement of negative
 * samples (not the two's complement negation), which is what makes it differ from e.g. Python's
 * {@code audioop} on 508 inputs.
 */
final class MuLaw {
    /** Only the top 14 of 16 bits reach the encoder. */
    static final int ENCODE_SHIFT = 2;

    private static final int BIAS = 33;
    private static final int CLIP = 0x1FFF;

    private MuLaw() {
    }

    /** The code of one 14-bit signed input (the sample's top bits). */
    static byte encode(int value14) {
        boolean negative = value14 < 0;
        // One's complement for negatives: -1 maps to magnitude 0, as in the reference.
        int magnitude = (negative ? ~value14 : value14) + BIAS;
        if (magnitude > CLIP) {
            magnitude = CLIP;
        }
        // Segment 0 covers biased magnitudes below 64; each further segment doubles the range.
        int segment = Math.max(0, (31 - Integer.numberOfLeadingZeros(magnitude)) - 5);
        int mantissa = (magnitude >> (segment + 1)) & 0x0F;
        // Codes are transmitted inverted (G.711 §2: all bits complemented), sign bit 1 for >= 0.
        int code = 0x7F - ((segment << 4) | mantissa);
        return (byte) (negative ? code : code | 0x80);
    }

    /** The linear 16-bit sample a code stands for. */
    static short decode(int code) {
        int inverted = ~code & 0xFF;
        int segment = (inverted >> 4) & 0x07;
        int mantissa = inverted & 0x0F;
        int step = 4 << (segment + 1);
        // Reconstruct at the middle of the quantisation interval, then remove the bias (4 * 33).
        int magnitude = (0x80 << segment) + step * mantissa + step / 2 - 4 * BIAS;
        return (short) ((code & 0x80) != 0 ? magnitude : -magnitude);
    }
}
